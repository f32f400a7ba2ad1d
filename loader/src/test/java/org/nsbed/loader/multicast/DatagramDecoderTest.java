package org.nsbed.loader.multicast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The decoder at the edge of every loader pipeline, on an embedded channel: no sockets. */
class DatagramDecoderTest {
  private static final int CONTROL_PORT = 30001;
  private final ByteBufAllocator a = ByteBufAllocator.DEFAULT;
  private final Drops drops = new Drops();
  private final EmbeddedChannel channel = new EmbeddedChannel(new DatagramDecoder(CONTROL_PORT, drops));
  private final InetSocketAddress self = new InetSocketAddress("239.1.2.3", 30000);

  private DatagramPacket from(int port, ByteBuf content) {
    return new DatagramPacket(content, self, new InetSocketAddress("127.0.0.1", port));
  }

  @Test
  void aBlockFromTheControlPortBecomesATypedMessageWithItsSenderAndTheDatagramIsReleased() {
    DatagramPacket packet = from(CONTROL_PORT, Wire.blockHeader(a, 9, 5, 2, 1).writeBytes(new byte[] {7, 8, 9}));
    channel.writeInbound(packet);
    Datagram d = channel.readInbound();
    Message.Block b = assertInstanceOf(Message.Block.class, d.message());
    assertEquals(2, b.piece());
    assertEquals(1, b.block());
    assertEquals(3, b.data().readableBytes());
    assertEquals("127.0.0.1", d.sender().getHostAddress());
    assertEquals(1, packet.refCnt(), "only the block's slice holds the buffer now");
    d.release();
    assertEquals(0, packet.refCnt());
  }

  @Test
  void aDatagramFromAnotherPortIsDroppedAndCountedAsForeign() {
    DatagramPacket packet = from(CONTROL_PORT + 7, Wire.join(a, 1));
    channel.writeInbound(packet);
    assertNull(channel.readInbound());
    assertEquals(1, drops.get(Drops.Reason.FOREIGN_PORT));
    assertEquals(0, packet.refCnt());
  }

  @Test
  void aMalformedDatagramIsDroppedAndCountedAsMalformed() {
    DatagramPacket packet = from(CONTROL_PORT, Unpooled.wrappedBuffer("not a loader datagram".getBytes()));
    channel.writeInbound(packet);
    assertNull(channel.readInbound());
    assertEquals(1, drops.get(Drops.Reason.MALFORMED));
    assertEquals(1, drops.ignored());
    assertEquals(0, packet.refCnt());
  }
}
