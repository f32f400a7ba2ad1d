package org.nsbed.loader.multicast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class WireTest {
  private final ByteBufAllocator a = ByteBufAllocator.DEFAULT;

  private static Message decodeAndRelease(ByteBuf b) throws Wire.MalformedException {
    try {
      return Wire.decode(b);
    } finally {
      b.release();
    }
  }

  @Test
  void everyMessageRoundTrips() throws Exception {
    assertEquals(new Message.Join(0, 42), decodeAndRelease(Wire.join(a, 42)));
    Message.Request r = (Message.Request) decodeAndRelease(Wire.request(a, 9, 42, 3, true, new byte[] {5, 1}));
    assertEquals(9, r.session());
    assertEquals(3, r.piece());
    assertTrue(r.retry());
    assertArrayEquals(new byte[] {5, 1}, r.bitmap());
    assertEquals(new Message.Slow(9, 42, true), decodeAndRelease(Wire.slow(a, 9, 42, true)));
    assertEquals(new Message.Leave(9, 42, true), decodeAndRelease(Wire.leave(a, 9, 42, true)));
    assertEquals(new Message.Ack(9, 42, -5, 61), decodeAndRelease(Wire.ack(a, 9, 42, -5, 61)));
    byte[] header = new byte[128];
    header[5] = 7;
    Message.Info info = (Message.Info) decodeAndRelease(Wire.info(a, 9, 64512, header));
    assertEquals(64512, info.blockSize());
    assertArrayEquals(header, info.header());
    ByteBuf block = Wire.blockHeader(a, 9, 77, 3, 2).writeBytes(new byte[] {1, 2, 3});
    Message.Block b = (Message.Block) Wire.decode(block);
    block.release();
    assertEquals(77, b.seq());
    assertEquals(3, b.piece());
    assertEquals(2, b.block());
    assertEquals(3, b.data().readableBytes());
    b.data().release();
  }

  @Test
  void malformedDatagramsAreRejected() {
    assertThrows(Wire.MalformedException.class, () -> Wire.decode(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
    assertThrows(Wire.MalformedException.class, () -> Wire.decode(Unpooled.wrappedBuffer(new byte[16])), "bad magic");
    ByteBuf join = Wire.join(a, 1).writeByte(0);
    assertThrows(Wire.MalformedException.class, () -> Wire.decode(join), "trailing byte");
    join.release();
    ByteBuf shortRequest = Wire.request(a, 1, 1, 1, false, new byte[4]);
    shortRequest.writerIndex(shortRequest.writerIndex() - 1);
    assertThrows(Wire.MalformedException.class, () -> Wire.decode(shortRequest), "bitmap shorter than announced");
    shortRequest.release();
    ByteBuf empty = Wire.blockHeader(a, 1, 1, 1, 1);
    assertThrows(Wire.MalformedException.class, () -> Wire.decode(empty), "block without data");
    empty.release();
  }
}
