package org.nsbed.loader.multicast;

import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.io.IOException;
import java.net.NetworkInterface;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nsbed.loader.image.ImageFile;
import org.nsbed.loader.image.ImageInfo;

/**
 * Serves one image on one multicast group, Frisbee-style: it keeps no per-client state, answers
 * JOINs with the image header, merges chunk requests into one work queue and multicasts the
 * requested blocks at a capped, feedback-adaptive rate. Clients may come and go at any time.
 *
 * <p>Requests arrive on the control port (group port + 1), where clients also overhear each
 * other; blocks go to the data port. The parts: {@link DatagramDecoder} drops (and counts) what is
 * malformed or not sent from the control port; {@link ServerInbound} turns requests and reports
 * into work ({@link WorkQueue}) and pace ({@link RateControl}); {@link BlockSender} sends.
 * Threads: the socket on the runtime's server event loop, the sending on a thread of its own.
 */
public final class ImageServer implements AutoCloseable {
  private final ServerConfig config;
  private final LoaderRuntime runtime;
  private final boolean ownsRuntime;
  private final ServedImage image;
  private final RateControl rate;
  private final Drops drops = new Drops();
  private final ServerInbound inbound;
  private final BlockSender sender;
  private final NioDatagramChannel channel;
  private final Thread sending;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final AtomicBoolean closing = new AtomicBoolean();

  private ImageServer(LoaderRuntime runtime, boolean ownsRuntime, ServerConfig config) throws IOException, InterruptedException {
    this.config = config;
    this.runtime = runtime;
    this.ownsRuntime = ownsRuntime;
    NetworkInterface ni = Multicast.resolve(config.iface());
    Multicast.checkGroup(config.group());
    ImageFile file = ImageFile.open(config.image());
    EventLoop loop = runtime.serverLoop();
    try {
      int max = Multicast.maxPayload(ni) - Wire.BLOCK_HEADER;
      // Whole KiB blocks: on loopback 63 KiB, on a 1500-byte Ethernet 1 KiB.
      int blockSize = config.blockSize() > 0 ? config.blockSize() : Math.max(512, max / 1024 * 1024);
      this.image = new ServedImage(file, blockSize);
      if ((image.maxLength() + (long) blockSize - 1) / blockSize > 0xFFFF) {
        throw new IllegalArgumentException("block size " + blockSize + " is too small for this image's chunks");
      }
      this.rate = new RateControl(config.rateMbps(), loop.ticker());
      WorkQueue queue = new WorkQueue();
      // A joining client is sent the rest of the piece being sent and the index before it is waited for.
      ReceiverWindows windows = new ReceiverWindows(loop.ticker(), maxBlocks(image) + image.blocks(image.pieces() - 1) + 8);
      BlockSender[] late = new BlockSender[1];
      this.inbound = new ServerInbound(image, queue, rate, windows, loop.ticker(), drops, () -> late[0].writabilityChanged());
      int controlPort = config.group().getPort() + 1;
      this.channel = Multicast.open(loop, ni, config.ttl(), config.group().getAddress(), controlPort, new DatagramDecoder(controlPort, drops), inbound);
      this.sender = new BlockSender(image, queue, rate, windows, inbound, channel, config.group(), loop.ticker(), config.idleExit());
      late[0] = sender;
    } catch (InterruptedException | RuntimeException e) {
      file.close();
      throw e;
    }
    this.sending = new Thread(this::sendThenClose, "nsbed-loader-send-" + config.group().getHostString() + ":" + config.group().getPort());
    sending.setDaemon(true);
    sending.start();
  }

  /**
   * Starts serving on threads of its own, which end when it is closed. The image's header and
   * index are checked first.
   *
   * @throws IllegalArgumentException for a bad interface, group or configuration
   * @throws IOException if the image cannot be read or is damaged
   */
  public static ImageServer start(ServerConfig config) throws IOException, InterruptedException {
    LoaderRuntime own = LoaderRuntime.forOneServer();
    try {
      return new ImageServer(own, true, config);
    } catch (IOException | InterruptedException | RuntimeException e) {
      own.shutdown();
      throw e;
    }
  }

  /** Starts serving on {@code runtime}, which the caller owns and closes after this server. */
  public static ImageServer start(LoaderRuntime runtime, ServerConfig config) throws IOException, InterruptedException {
    return new ImageServer(runtime, false, config);
  }

  private static int maxBlocks(ServedImage image) {
    return (image.maxLength() + image.blockSize - 1) / image.blockSize;
  }

  static long sessionOf(UUID uuid) {
    long s = uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
    return s == 0 ? 1 : s;
  }

  public ServerConfig config() {
    return config;
  }

  /** The served image. */
  public ImageInfo info() {
    return ImageInfo.of(config.image(), image.layout.header());
  }

  public int blockSize() {
    return image.blockSize;
  }

  public ServerStats stats() {
    return new ServerStats(sender.dataBytesSent.get(), sender.packetsSent.get(), inbound.requests.get(), inbound.merged.get(),
        inbound.lossSignals.get(), inbound.joins.get(), drops.ignored(), rate.currentMbps());
  }

  /** Completes when the server has stopped (closed, or idle for its idle-exit time). */
  public CompletableFuture<Void> closedFuture() {
    return closed;
  }

  private void sendThenClose() {
    sender.run();
    close();
  }

  /** Stops serving and releases the socket, the image and threads of its own. Safe to call more than once. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    sending.interrupt();
    if (Thread.currentThread() != sending) {
      try {
        sending.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    channel.close().awaitUninterruptibly();
    try {
      image.close();
    } catch (IOException e) {
      // The image was only read; nothing is lost if closing it fails.
    }
    if (ownsRuntime) {
      runtime.shutdown();
    }
    closed.complete(null);
  }
}
