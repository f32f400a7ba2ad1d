package org.nsbed.loader.multicast;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.Ticker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server's sending: takes work from the {@link WorkQueue}, reads the piece from the image and
 * multicasts the wanted blocks at the pace {@link RateControl} allows and only as far as the
 * clients' {@link ReceiverWindows} reach, answering JOINs with INFO in between. It runs on a thread of its own, because the pacing waits are far shorter than an
 * event loop's timer tick (a millisecond); the socket belongs to the server's event loop, and when
 * its outbound buffer is full the sender waits for the channel's writability event (see
 * {@link ServerInbound#channelWritabilityChanged}) instead of polling.
 */
final class BlockSender implements Runnable {
  private static final long INFO_MIN_INTERVAL_NANOS = 5_000_000L;
  /** How long a wait for work lasts before the sender looks at the idle clock again. */
  private static final long POLL_MILLIS = 20;

  private final ServedImage image;
  private final WorkQueue queue;
  private final RateControl rate;
  private final ReceiverWindows windows;
  private final ServerInbound inbound;
  private final Channel channel;
  private final InetSocketAddress dataGroup;
  private final Ticker ticker;
  private final long idleExitNanos;
  private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
  private final byte[] headerBytes;
  private final Object writable = new Object();
  final AtomicLong dataBytesSent = new AtomicLong();
  final AtomicLong packetsSent = new AtomicLong();
  private long lastInfo;
  private int seq;

  BlockSender(ServedImage image, WorkQueue queue, RateControl rate, ReceiverWindows windows, ServerInbound inbound, Channel channel,
      InetSocketAddress dataGroup, Ticker ticker, Duration idleExit) {
    this.image = image;
    this.queue = queue;
    this.rate = rate;
    this.windows = windows;
    this.inbound = inbound;
    this.channel = channel;
    this.dataGroup = dataGroup;
    this.ticker = ticker;
    this.idleExitNanos = idleExit.toNanos();
    this.headerBytes = image.layout.header().encode();
    this.lastInfo = ticker.nanoTime() - INFO_MIN_INTERVAL_NANOS;
  }

  /** The channel's writability changed (or it closed): a sender waiting for room looks again. */
  void writabilityChanged() {
    synchronized (writable) {
      writable.notifyAll();
    }
  }

  /**
   * Sends until interrupted or idle for the idle-exit time.
   *
   * @throws IOException if the image cannot be read any more
   */
  void sendUntilIdle() throws IOException, InterruptedException {
    ByteBuffer piece = ByteBuffer.allocateDirect(image.maxLength());
    while (!Thread.currentThread().isInterrupted()) {
      sendInfoIfWanted();
      WorkQueue.Work w = queue.take(POLL_MILLIS, TimeUnit.MILLISECONDS);
      if (w == null) {
        if (idleExitNanos > 0 && ticker.nanoTime() - inbound.lastHeard() > idleExitNanos) {
          return;
        }
        continue;
      }
      try {
        image.read(w.piece(), piece);
        int len = piece.limit();
        for (int b = w.blocks().nextSetBit(0); b >= 0; b = w.blocks().nextSetBit(b + 1)) {
          int off = b * image.blockSize;
          int n = Math.min(image.blockSize, len - off);
          int s = seq++;
          ByteBuf pkt = Wire.blockHeader(alloc, image.session, s, w.piece(), b);
          pkt.writeBytes(piece.duplicate().limit(off + n).position(off));
          try {
            while (!windows.roomFor(s)) {
              sendInfoIfWanted();
            }
          } catch (InterruptedException e) {
            pkt.release();
            throw e;
          }
          rate.acquire(n + Wire.BLOCK_HEADER);
          send(pkt);
          dataBytesSent.addAndGet(n);
          queue.sent(b, ticker.nanoTime());
          sendInfoIfWanted();
        }
        if (w.blocks().cardinality() == image.blocks(w.piece())) {
          queue.sentWhole(w.piece(), ticker.nanoTime());
        }
      } finally {
        queue.done();
      }
    }
  }

  @Override
  public void run() {
    try {
      sendUntilIdle();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // Clients time out and report it; the server says why it stopped.
      System.getLogger(ImageServer.class.getName()).log(System.Logger.Level.ERROR,
          "image " + image.file.path() + " became unreadable while serving; stopping: " + e.getMessage());
    }
  }

  private void sendInfoIfWanted() throws InterruptedException {
    long now = ticker.nanoTime();
    if (!inbound.infoWanted() || now - lastInfo < INFO_MIN_INTERVAL_NANOS) {
      return;
    }
    inbound.takeInfoWanted();
    lastInfo = now;
    send(Wire.info(alloc, image.session, image.blockSize, headerBytes));
  }

  private void send(ByteBuf pkt) throws InterruptedException {
    try {
      awaitWritable();
    } catch (InterruptedException e) {
      pkt.release();
      throw e;
    }
    channel.writeAndFlush(new DatagramPacket(pkt, dataGroup), channel.voidPromise());
    packetsSent.incrementAndGet();
  }

  private void awaitWritable() throws InterruptedException {
    synchronized (writable) {
      while (!channel.isWritable()) {
        if (!channel.isActive()) {
          throw new InterruptedException("the server's socket is closed");
        }
        writable.wait();
      }
    }
  }
}
