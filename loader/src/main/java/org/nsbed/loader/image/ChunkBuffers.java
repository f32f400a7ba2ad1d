package org.nsbed.loader.image;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A process-wide pool of direct buffers for whole chunks. Chunks are held off the heap so the
 * garbage collector never copies them, and reused so that many loads in one process do not
 * allocate (and zero) a megabyte per chunk. Idle buffers beyond {@link #MAX_IDLE_BYTES} are let go.
 */
public final class ChunkBuffers {
  static final long MAX_IDLE_BYTES = 128L << 20;
  private static final ConcurrentHashMap<Integer, ConcurrentLinkedQueue<ByteBuffer>> IDLE = new ConcurrentHashMap<>();
  private static final AtomicLong IDLE_BYTES = new AtomicLong();

  private ChunkBuffers() {}

  /** A direct buffer of exactly {@code capacity} bytes, position 0, limit = capacity. */
  public static ByteBuffer take(int capacity) {
    ConcurrentLinkedQueue<ByteBuffer> q = IDLE.get(capacity);
    ByteBuffer b = q == null ? null : q.poll();
    if (b == null) {
      return ByteBuffer.allocateDirect(capacity);
    }
    IDLE_BYTES.addAndGet(-capacity);
    return b.clear();
  }

  /** Returns a buffer from {@link #take}; the caller must not use it afterwards. */
  public static void give(ByteBuffer b) {
    if (!b.isDirect() || IDLE_BYTES.addAndGet(b.capacity()) > MAX_IDLE_BYTES) {
      if (b.isDirect()) {
        IDLE_BYTES.addAndGet(-b.capacity());
      }
      return;
    }
    IDLE.computeIfAbsent(b.capacity(), k -> new ConcurrentLinkedQueue<>()).add(b);
  }
}
