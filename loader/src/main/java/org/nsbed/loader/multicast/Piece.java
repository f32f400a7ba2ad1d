package org.nsbed.loader.multicast;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.BitSet;

/**
 * A client's view of one piece of the image (a chunk, or the chunk index): where it is in the
 * load, and while it is arriving, the buffer its blocks are assembled in. Event-loop confined.
 */
final class Piece {
  enum State { NEEDED, REQUESTED, FILLING, DECODING, DONE }

  /** A time long before any real one, so a piece never heard of counts as long quiet. */
  static final long NEVER = Long.MIN_VALUE / 2;

  final int number;
  final int length;
  final int blocks;
  final int blockSize;
  State state = State.NEEDED;
  ByteBuffer buf;
  private BitSet have;
  private int missing;
  /** The server has sent another piece since our last block of this one: its gaps will not fill. */
  boolean passOver;
  /** Blocks of this piece went by while we had no room: ask for it as soon as there is. */
  boolean missedData;
  /** When a block of it arrived or someone asked for it (ticker nanoseconds). */
  long lastHeard = NEVER;
  /** Whole requests we sent for it since it last started arriving: each one waits twice as long. */
  int asks;
  /** When a block of it last arrived (ticker nanoseconds). */
  long lastBlockAt = NEVER;
  /** The blocks we last asked for by bitmap while filling it, and when. */
  private BitSet asked = new BitSet();
  private long askedAt = NEVER;

  Piece(int number, int length, int blockSize) {
    this.number = number;
    this.length = length;
    this.blockSize = blockSize;
    this.blocks = (length + blockSize - 1) / blockSize;
  }

  /** The length a block of this piece must have, or -1 if there is no such block. */
  int blockLength(int block) {
    return block >= 0 && block < blocks ? Math.min(blockSize, length - block * blockSize) : -1;
  }

  boolean has(int block) {
    return have != null && have.get(block);
  }

  /** Starts assembling the piece in {@code into}. */
  void startFilling(ByteBuffer into) {
    buf = into;
    asks = 0;
    have = new BitSet(blocks);
    missing = blocks;
    passOver = false;
    state = State.FILLING;
  }

  /** Copies a block in; returns true when it was the last one missing. */
  boolean put(int block, ByteBuf data) {
    int at = block * blockSize;
    data.getBytes(data.readerIndex(), buf.duplicate().position(at).limit(at + data.readableBytes()));
    have.set(block);
    missing--;
    return missing == 0;
  }

  /** Whether {@code bitmap} (a request's) asks for any block this piece still lacks. */
  boolean wantsAnyOf(byte[] bitmap) {
    BitSet asked = BitSet.valueOf(bitmap);
    asked.andNot(have);
    return !asked.isEmpty();
  }

  /** Whether {@code bitmap} (a request's) asks for every block this piece still lacks. */
  boolean coveredBy(byte[] bitmap) {
    BitSet m = new BitSet(blocks);
    m.set(0, blocks);
    m.andNot(have);
    m.andNot(BitSet.valueOf(bitmap));
    return m.isEmpty();
  }

  /**
   * A request bitmap of every block. Unlike an empty one (which also asks for the whole piece), the
   * server never takes it to have crossed the piece on its way: for a piece we really lack.
   */
  byte[] allBlocksBitmap() {
    BitSet m = new BitSet(blocks);
    m.set(0, blocks);
    return m.toByteArray();
  }

  /** The bitmap of the blocks still missing, for a request. */
  byte[] missingBitmap() {
    return missing().toByteArray();
  }

  private BitSet missing() {
    BitSet m = new BitSet(blocks);
    m.set(0, blocks);
    m.andNot(have);
    return m;
  }

  /**
   * Whether asking for the missing blocks at {@code now} would only repeat our last request for
   * them: it went out less than {@code withinNanos} ago, asked for all of them, and no block of
   * this piece has arrived since (so the server has not served it yet; it is queued there).
   */
  boolean askedAlready(long now, long withinNanos) {
    if (now - askedAt >= withinNanos || lastBlockAt - askedAt > 0) {
      return false;
    }
    BitSet m = missing();
    m.andNot(asked);
    return m.isEmpty();
  }

  /** We asked for the missing blocks at {@code now}. */
  void askedForMissing(long now) {
    asked = missing();
    askedAt = now;
  }

  /** Forgets what arrived (the buffer is the caller's to give back): the piece is needed again. */
  void reset() {
    state = State.NEEDED;
    buf = null;
    have = null;
    asks = 0;
    lastHeard = NEVER;
    asked = new BitSet();
    askedAt = NEVER;
  }

  /** Lets go of the assembly state once the piece is complete; the buffer stays with the caller. */
  void assembled() {
    have = null;
  }
}
