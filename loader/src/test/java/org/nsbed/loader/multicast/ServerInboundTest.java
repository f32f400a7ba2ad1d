package org.nsbed.loader.multicast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.loader.image.ImageFile;
import org.nsbed.loader.image.ImageInfo;

/** The server's handler on an embedded channel: requests become work, reports become pace. */
class ServerInboundTest {
  private static final int CONTROL_PORT = 30001;
  @TempDir Path dir;
  private final ByteBufAllocator a = ByteBufAllocator.DEFAULT;
  private final Drops drops = new Drops();
  private final WorkQueue queue = new WorkQueue();
  private final AtomicInteger writabilityEvents = new AtomicInteger();
  private static final int JOIN_ALLOWANCE = 40;
  private final MockTicker ticker = Ticker.newMockTicker();
  private ServedImage image;
  private RateControl rate;
  private ReceiverWindows windows;
  private EmbeddedChannel channel;

  @BeforeEach
  void serve() throws Exception {
    ImageInfo info = Fixtures.image(dir, "img", Fixtures.diskContent(1 << 20, 21), 128 << 10);
    image = new ServedImage(ImageFile.open(info.path()), 8192);
    rate = new RateControl(800, ticker);
    windows = new ReceiverWindows(ticker, JOIN_ALLOWANCE);
    ServerInbound inbound = new ServerInbound(image, queue, rate, windows, ticker, drops, writabilityEvents::incrementAndGet);
    channel = new EmbeddedChannel(new DatagramDecoder(CONTROL_PORT, drops), inbound);
  }

  @AfterEach
  void close() throws Exception {
    channel.finishAndReleaseAll();
    image.close();
  }

  private void receive(io.netty.buffer.ByteBuf message) {
    channel.writeInbound(new DatagramPacket(message, new InetSocketAddress("239.1.2.3", CONTROL_PORT),
        new InetSocketAddress("127.0.0.1", CONTROL_PORT)));
  }

  @Test
  void twoClientsAskingForTheSameChunkQueueItOnce() throws Exception {
    receive(Wire.request(a, image.session, 1, 3, false, new byte[0]));
    receive(Wire.request(a, image.session, 2, 3, false, new byte[0]));
    assertEquals(1, queue.size());
    WorkQueue.Work w = queue.take(0, TimeUnit.MILLISECONDS);
    assertEquals(3, w.piece());
    assertEquals(image.blocks(3), w.blocks().cardinality());
  }

  @Test
  void aRequestForAPieceOutsideTheImageIsDroppedAndCounted() {
    receive(Wire.request(a, image.session, 1, image.pieces(), false, new byte[0]));
    BitSet tooFar = new BitSet();
    tooFar.set(image.blocks(0));
    receive(Wire.request(a, image.session, 1, 0, false, tooFar.toByteArray()));
    assertEquals(0, queue.size());
    assertEquals(2, drops.get(Drops.Reason.OUT_OF_RANGE));
  }

  @Test
  void aRequestOfAnotherSessionIsDroppedAndCounted() {
    receive(Wire.request(a, image.session ^ 1, 1, 0, false, new byte[0]));
    assertEquals(0, queue.size());
    assertEquals(1, drops.get(Drops.Reason.OTHER_SESSION));
  }

  @Test
  void aJoinAsksTheSenderForTheImageHeader() {
    receive(Wire.join(a, 5));
    assertTrue(((ServerInbound) channel.pipeline().last()).takeInfoWanted());
    assertFalse(((ServerInbound) channel.pipeline().last()).takeInfoWanted(), "answered once");
  }

  @Test
  void aReportOfLossLowersTheRateAtTheNextAdjustment() {
    int before = rate.currentMbps();
    receive(Wire.slow(a, image.session, 1, true));
    ticker.advance(30, TimeUnit.MILLISECONDS);
    rate.reserve(1, ticker.nanoTime());
    assertTrue(rate.currentMbps() < before, before + " -> " + rate.currentMbps());
  }

  @Test
  void anAckHoldsTheSenderWithinTheClientsWindowAndItsLeaveReleasesIt() {
    receive(Wire.ack(a, image.session, 7, 100, 10));
    assertTrue(windows.maySend(110, ticker.nanoTime()));
    assertFalse(windows.maySend(111, ticker.nanoTime()));
    receive(Wire.leave(a, image.session, 7, true));
    assertTrue(windows.maySend(111, ticker.nanoTime()));
  }

  @Test
  void theChannelsWritabilityChangesReachTheSender() {
    channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
    channel.write(a.buffer(64).writeZero(64));
    channel.runPendingTasks();
    assertFalse(channel.isWritable());
    assertEquals(1, writabilityEvents.get(), "the sender heard that the channel became unwritable");
    channel.flush();
    channel.runPendingTasks();
    assertTrue(channel.isWritable());
    assertEquals(2, writabilityEvents.get(), "and that it became writable again");
  }
}
