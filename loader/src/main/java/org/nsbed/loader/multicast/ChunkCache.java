package org.nsbed.loader.multicast;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.nsbed.loader.image.ChunkBuffers;

/**
 * A client's chunk buffers: at most {@code limit} of them, each big enough for any chunk, taken
 * from the process-wide {@link ChunkBuffers} pool when first needed and given back to it when the
 * load ends. Event-loop confined, except that {@link #give} may also be called after {@link #close}
 * (a chunk still being written when the load ended), which hands the buffer straight to the pool.
 */
final class ChunkCache {
  private final int limit;
  private final int bufferBytes;
  private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
  private int made;
  private volatile boolean closed;

  ChunkCache(int limit, int bufferBytes) {
    this.limit = limit;
    this.bufferBytes = bufferBytes;
  }

  /** A buffer, or null if all {@code limit} are in use. */
  ByteBuffer take() {
    ByteBuffer b = free.poll();
    if (b == null && made < limit) {
      made++;
      b = ChunkBuffers.take(bufferBytes);
    }
    return b;
  }

  void give(ByteBuffer b) {
    if (b == null) {
      return;
    }
    if (closed) {
      ChunkBuffers.give(b);
    } else {
      free.push(b);
    }
  }

  /** The load ended: every free buffer goes back to the pool, and so will the rest. */
  void close() {
    closed = true;
    free.forEach(ChunkBuffers::give);
    free.clear();
  }
}
