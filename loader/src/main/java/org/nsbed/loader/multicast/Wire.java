package org.nsbed.loader.multicast;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.nsbed.loader.image.ImageHeader;

/**
 * The datagram layout (big-endian). Every datagram starts with a 16-byte header:
 * magic "NSBL" (u32), version (u8), type (u8), reserved (u16), session (i64, derived from the
 * image UUID). Then, by type:
 *
 * <pre>
 *   JOIN    1  clientId i32
 *   INFO    2  blockSize u32, image header (128 bytes)
 *   REQUEST 3  clientId i32, piece u32, flags u8 (1 = retry), bitmap length u16, bitmap
 *   BLOCK   4  seq u32 (the server's datagram count), piece u32, block u16, data (the rest)
 *   LEAVE   5  clientId i32, flags u8 (1 = complete)
 *   SLOW    6  clientId i32, flags u8 (1 = datagrams lost, 0 = falling behind): the server backs off
 *   ACK     7  clientId i32, seq u32 (the last BLOCK read), window u32 (BLOCKs it can take beyond it)
 * </pre>
 *
 * <p>ACK came later: a server that does not know it drops it as malformed and paces by SLOW alone,
 * and a server that does know it paces clients that never send it by SLOW alone too.
 *
 * <p>Anything else, too short, or with trailing bytes where none belong, is malformed.
 */
final class Wire {
  static final int MAGIC = 0x4E53424C;
  static final int VERSION = 1;
  static final int HEADER = 16;
  static final int BLOCK_HEADER = HEADER + 10;
  static final int JOIN = 1;
  static final int INFO = 2;
  static final int REQUEST = 3;
  static final int BLOCK = 4;
  static final int LEAVE = 5;
  static final int SLOW = 6;
  static final int ACK = 7;

  private Wire() {}

  /** A datagram that is not a well-formed loader message. */
  static final class MalformedException extends Exception {
    MalformedException(String message) {
      super(message, null, false, false);
    }
  }

  private static ByteBuf header(ByteBufAllocator alloc, int type, long session, int bodyBytes) {
    ByteBuf b = alloc.directBuffer(HEADER + bodyBytes);
    b.writeInt(MAGIC).writeByte(VERSION).writeByte(type).writeShort(0).writeLong(session);
    return b;
  }

  static ByteBuf join(ByteBufAllocator alloc, int clientId) {
    return header(alloc, JOIN, 0, 4).writeInt(clientId);
  }

  static ByteBuf info(ByteBufAllocator alloc, long session, int blockSize, byte[] imageHeader) {
    return header(alloc, INFO, session, 4 + imageHeader.length).writeInt(blockSize).writeBytes(imageHeader);
  }

  static ByteBuf request(ByteBufAllocator alloc, long session, int clientId, int piece, boolean retry, byte[] bitmap) {
    return header(alloc, REQUEST, session, 11 + bitmap.length)
        .writeInt(clientId).writeInt(piece).writeByte(retry ? 1 : 0).writeShort(bitmap.length).writeBytes(bitmap);
  }

  /** A BLOCK's header; the caller appends the data. */
  static ByteBuf blockHeader(ByteBufAllocator alloc, long session, int seq, int piece, int block) {
    return header(alloc, BLOCK, session, 10).writeInt(seq).writeInt(piece).writeShort(block);
  }

  static ByteBuf leave(ByteBufAllocator alloc, long session, int clientId, boolean complete) {
    return header(alloc, LEAVE, session, 5).writeInt(clientId).writeByte(complete ? 1 : 0);
  }

  static ByteBuf slow(ByteBufAllocator alloc, long session, int clientId, boolean lost) {
    return header(alloc, SLOW, session, 5).writeInt(clientId).writeByte(lost ? 1 : 0);
  }

  static ByteBuf ack(ByteBufAllocator alloc, long session, int clientId, int seq, int window) {
    return header(alloc, ACK, session, 12).writeInt(clientId).writeInt(seq).writeInt(window);
  }

  /** Decodes a datagram's content; a BLOCK's data is a retained slice of {@code b}. */
  static Message decode(ByteBuf b) throws MalformedException {
    if (b.readableBytes() < HEADER) {
      throw new MalformedException("shorter than a header");
    }
    int at = b.readerIndex();
    if (b.getInt(at) != MAGIC) {
      throw new MalformedException("bad magic");
    }
    if (b.getUnsignedByte(at + 4) != VERSION) {
      throw new MalformedException("protocol version " + b.getUnsignedByte(at + 4));
    }
    int type = b.getUnsignedByte(at + 5);
    long session = b.getLong(at + 8);
    int body = b.readableBytes() - HEADER;
    int p = at + HEADER;
    switch (type) {
      case JOIN -> {
        exact(body, 4);
        return new Message.Join(session, b.getInt(p));
      }
      case INFO -> {
        exact(body, 4 + ImageHeader.BYTES);
        byte[] h = new byte[ImageHeader.BYTES];
        b.getBytes(p + 4, h);
        return new Message.Info(session, b.getInt(p), h);
      }
      case REQUEST -> {
        if (body < 11) {
          throw new MalformedException("short REQUEST");
        }
        int len = b.getUnsignedShort(p + 9);
        exact(body, 11 + len);
        byte[] bitmap = new byte[len];
        b.getBytes(p + 11, bitmap);
        int flags = b.getUnsignedByte(p + 8);
        return new Message.Request(session, b.getInt(p), b.getInt(p + 4), (flags & 1) != 0, bitmap);
      }
      case BLOCK -> {
        if (body <= 10) {
          throw new MalformedException("BLOCK without data");
        }
        return new Message.Block(session, b.getInt(p), b.getInt(p + 4), b.getUnsignedShort(p + 8), b.retainedSlice(p + 10, body - 10));
      }
      case LEAVE -> {
        exact(body, 5);
        return new Message.Leave(session, b.getInt(p), (b.getUnsignedByte(p + 4) & 1) != 0);
      }
      case SLOW -> {
        exact(body, 5);
        return new Message.Slow(session, b.getInt(p), (b.getUnsignedByte(p + 4) & 1) != 0);
      }
      case ACK -> {
        exact(body, 12);
        return new Message.Ack(session, b.getInt(p), b.getInt(p + 4), b.getInt(p + 8));
      }
      default -> throw new MalformedException("unknown type " + type);
    }
  }

  private static void exact(int body, int expected) throws MalformedException {
    if (body != expected) {
      throw new MalformedException("body of " + body + " bytes, expected " + expected);
    }
  }
}
