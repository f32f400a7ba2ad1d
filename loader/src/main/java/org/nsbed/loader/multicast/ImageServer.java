package org.nsbed.loader.multicast;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.nsbed.loader.image.ImageFile;
import org.nsbed.loader.image.ImageInfo;
import org.nsbed.loader.image.ImageLayout;

/**
 * Serves one image on one multicast group, Frisbee-style: it keeps no per-client state, answers
 * JOINs with the image header, merges chunk requests into one work queue and multicasts the
 * requested blocks at a capped, loss-adaptive rate. Clients may come and go at any time.
 *
 * <p>Requests arrive on the control port (group port + 1), where clients also overhear each
 * other; blocks go to the data port. A datagram that is malformed, of another image, or not sent
 * from the control port is dropped and counted.
 */
public final class ImageServer implements AutoCloseable {
  private static final long INFO_MIN_INTERVAL_NANOS = 5_000_000L;
  /**
   * A whole-piece request this soon after the piece was sent whole is taken to have crossed the
   * blocks on their way (the asker had not read them yet) and is dropped; see {@link WorkQueue}.
   */
  private static final long RECENT_WHOLE_NANOS = 250_000_000L;

  private final ServerConfig config;
  private final ImageFile image;
  private final ImageLayout layout;
  private final byte[] headerBytes;
  private final long session;
  private final int blockSize;
  private final int pieces;
  private final InetSocketAddress dataGroup;
  private final int controlPort;
  private final WorkQueue queue = new WorkQueue();
  private final RateControl rate;
  private final NioDatagramChannel channel;
  private final Thread sender;
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;

  private final AtomicLong dataBytesSent = new AtomicLong();
  private final AtomicLong packetsSent = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong merged = new AtomicLong();
  private final AtomicLong lossSignals = new AtomicLong();
  private final AtomicLong joins = new AtomicLong();
  private final AtomicLong ignored = new AtomicLong();
  private volatile long lastRequestNanos = System.nanoTime();
  private volatile long lastInfoNanos;
  private volatile boolean infoWanted;

  private ImageServer(ServerConfig config) throws IOException, InterruptedException {
    this.config = config;
    NetworkInterface ni = Multicast.resolve(config.iface());
    Multicast.checkGroup(config.group());
    this.image = ImageFile.open(config.image());
    try {
      this.layout = image.layout();
      this.headerBytes = layout.header().encode();
      this.session = sessionOf(layout.header().uuid());
      int max = Multicast.maxPayload(ni) - Wire.BLOCK_HEADER;
      // Whole KiB blocks: on loopback 63 KiB, on a 1500-byte Ethernet 1 KiB.
      this.blockSize = config.blockSize() > 0 ? config.blockSize() : Math.max(512, max / 1024 * 1024);
      long maxBlocks = (Math.max(layout.header().chunkLimit(), layout.header().indexLength()) + (long) blockSize - 1) / blockSize;
      if (maxBlocks > 0xFFFF) {
        throw new IllegalArgumentException("block size " + blockSize + " is too small for this image's chunks");
      }
      this.pieces = layout.chunkCount() + 1;
      this.dataGroup = config.group();
      this.controlPort = config.group().getPort() + 1;
      this.rate = new RateControl(config.rateMbps());
      EventLoop loop = LoaderThreads.serverLoop();
      this.channel = Multicast.open(loop, ni, config.ttl(), dataGroup.getAddress(), controlPort, new ControlHandler());
    } catch (InterruptedException | RuntimeException e) {
      image.close();
      throw e;
    }
    this.sender = new Thread(this::sendLoop, "nsbed-loader-send-" + config.group().getHostString() + ":" + config.group().getPort());
    sender.setDaemon(true);
    sender.start();
  }

  /**
   * Starts serving. The image's header and index are checked first.
   *
   * @throws IllegalArgumentException for a bad interface, group or configuration
   * @throws IOException if the image cannot be read or is damaged
   */
  public static ImageServer start(ServerConfig config) throws IOException, InterruptedException {
    return new ImageServer(config);
  }

  static long sessionOf(java.util.UUID uuid) {
    long s = uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
    return s == 0 ? 1 : s;
  }

  public ServerConfig config() {
    return config;
  }

  /** The served image. */
  public ImageInfo info() {
    return ImageInfo.of(config.image(), layout.header());
  }

  public int blockSize() {
    return blockSize;
  }

  public ServerStats stats() {
    return new ServerStats(dataBytesSent.get(), packetsSent.get(), requests.get(), merged.get(), lossSignals.get(),
        joins.get(), ignored.get(), rate.currentMbps());
  }

  /** Completes when the server has stopped (closed, or idle for its idle-exit time). */
  public CompletableFuture<Void> closedFuture() {
    return closed;
  }

  /** Stops serving and releases the socket and the image. Safe to call more than once. */
  @Override
  public void close() {
    if (closed.isDone()) {
      return;
    }
    sender.interrupt();
    if (Thread.currentThread() != sender) {
      try {
        sender.join(5000);
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
    closed.complete(null);
  }

  private int blocksOf(int piece) {
    return (int) ((pieceLength(piece) + blockSize - 1) / blockSize);
  }

  private long pieceLength(int piece) {
    return piece == layout.chunkCount() ? layout.header().indexLength() : layout.chunk(piece).length();
  }

  private long pieceOffset(int piece) {
    return piece == layout.chunkCount() ? layout.header().indexOffset() : layout.chunk(piece).fileOffset();
  }

  private final class ControlHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      if (packet.sender() == null || packet.sender().getPort() != controlPort) {
        ignored.incrementAndGet();
        return;
      }
      Message m;
      try {
        m = Wire.decode(packet.content());
      } catch (Wire.MalformedException e) {
        ignored.incrementAndGet();
        return;
      }
      if (m instanceof Message.Join) {
        joins.incrementAndGet();
        lastRequestNanos = System.nanoTime();
        infoWanted = true;
        queue.poke();
      } else if (m instanceof Message.Request r && r.session() == session && r.piece() >= 0 && r.piece() < pieces) {
        request(r);
      } else if (m instanceof Message.Slow slow && slow.session() == session) {
        if (slow.lost()) {
          lossSignals.incrementAndGet();
          rate.lossSignal();
        } else {
          rate.pressureSignal();
        }
      } else if (m instanceof Message.Leave l && l.session() == session) {
        lastRequestNanos = System.nanoTime();
      } else {
        if (m instanceof Message.Block b) {
          b.data().release();
        }
        ignored.incrementAndGet();
      }
    }
  }

  private void request(Message.Request r) {
    int blocks = blocksOf(r.piece());
    BitSet want;
    if (r.bitmap().length == 0) {
      want = new BitSet(blocks);
      want.set(0, blocks);
    } else {
      want = BitSet.valueOf(r.bitmap());
      if (want.length() > blocks || want.isEmpty()) {
        ignored.incrementAndGet();
        return;
      }
    }
    requests.incrementAndGet();
    lastRequestNanos = System.nanoTime();
    boolean index = r.piece() == layout.chunkCount();
    boolean added = index || r.bitmap().length != 0
        ? queue.add(r.piece(), want, index)
        : queue.addWhole(r.piece(), want, System.nanoTime(), RECENT_WHOLE_NANOS);
    if (!added) {
      merged.incrementAndGet();
    }
    if (r.retry()) {
      lossSignals.incrementAndGet();
      rate.lossSignal();
    }
  }

  private void sendLoop() {
    ByteBuffer piece = ByteBuffer.allocateDirect(Math.max(layout.header().chunkLimit(), layout.header().indexLength()));
    long idleNanos = config.idleExit().toNanos();
    int seq = 0;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        if (infoWanted) {
          sendInfo();
        }
        WorkQueue.Work w = queue.take(20, TimeUnit.MILLISECONDS);
        if (w == null) {
          if (idleNanos > 0 && System.nanoTime() - lastRequestNanos > idleNanos) {
            break;
          }
          continue;
        }
        try {
          int len = (int) pieceLength(w.piece());
          piece.clear().limit(len);
          image.read(piece, pieceOffset(w.piece()));
          for (int b = w.blocks().nextSetBit(0); b >= 0; b = w.blocks().nextSetBit(b + 1)) {
            int off = b * blockSize;
            int n = Math.min(blockSize, len - off);
            ByteBuf pkt = Wire.blockHeader(alloc, session, seq++, w.piece(), b);
            pkt.ensureWritable(n);
            pkt.writeBytes(piece.duplicate().limit(off + n).position(off));
            send(pkt, n + Wire.BLOCK_HEADER);
            dataBytesSent.addAndGet(n);
            queue.sent(b);
            if (infoWanted) {
              sendInfo();
            }
          }
          if (w.blocks().cardinality() == blocksOf(w.piece())) {
            queue.sentWhole(w.piece(), System.nanoTime());
          }
        } finally {
          queue.done();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The image became unreadable while serving; clients time out and report it.
      System.getLogger(ImageServer.class.getName()).log(System.Logger.Level.ERROR,
          "image " + config.image() + " became unreadable while serving; stopping: " + e.getMessage());
    }
    if (!closed.isDone()) {
      LoaderThreads.work().execute(this::close);
    }
  }

  private void sendInfo() throws InterruptedException {
    long now = System.nanoTime();
    if (now - lastInfoNanos < INFO_MIN_INTERVAL_NANOS) {
      return;
    }
    infoWanted = false;
    lastInfoNanos = now;
    send(Wire.info(alloc, session, blockSize, headerBytes), 0);
  }

  private void send(ByteBuf pkt, int paced) throws InterruptedException {
    if (paced > 0) {
      rate.acquire(paced);
    }
    while (!channel.isWritable()) {
      if (!channel.isActive()) {
        pkt.release();
        throw new InterruptedException("channel closed");
      }
      LockSupport.parkNanos(50_000);
      if (Thread.interrupted()) {
        pkt.release();
        throw new InterruptedException();
      }
    }
    channel.writeAndFlush(new DatagramPacket(pkt, dataGroup), channel.voidPromise());
    packetsSent.incrementAndGet();
  }
}
