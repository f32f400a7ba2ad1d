package org.nsbed.loader.multicast;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Puts a client's arriving blocks into their pieces: a block counts only if it comes from the
 * server that answered the JOIN, in its session, for a block of the right length; it is a
 * duplicate if the piece already has it; it starts filling a piece if there is a free chunk
 * buffer, and is dropped (and reported to the server as loss) if not. Every block, kept or not,
 * tells the {@link RequestScheduler} what the server is sending and the {@link LoadFeedback} what
 * was lost. Event-loop confined.
 */
final class BlockIntake {
  private final long session;
  private final InetAddress server;
  private final int chunkCount;
  private final RequestScheduler scheduler;
  private final ChunkCache cache;
  private final LoadFeedback feedback;
  private final LoadCounts counts;
  private final Drops drops;

  BlockIntake(long session, InetAddress server, int chunkCount, RequestScheduler scheduler, ChunkCache cache, LoadFeedback feedback,
      LoadCounts counts, Drops drops) {
    this.session = session;
    this.server = server;
    this.chunkCount = chunkCount;
    this.scheduler = scheduler;
    this.cache = cache;
    this.feedback = feedback;
    this.counts = counts;
    this.drops = drops;
  }

  /** Takes block {@code b} from {@code from} at {@code now}; returns the piece it completed, or null. */
  Piece accept(Message.Block b, InetAddress from, long now) {
    if (b.session() != session || !server.equals(from)) {
      drops.count(Drops.Reason.OTHER_SESSION);
      return null;
    }
    feedback.sequence(b.seq(), now);
    Piece p = scheduler.piece(b.piece());
    int len = b.data().readableBytes();
    if (p == null || len != p.blockLength(b.block())) {
      // Chunks are unknown until the index is in: a block of one then is no fault of the sender.
      drops.count(p == null && b.piece() >= 0 && b.piece() < chunkCount ? Drops.Reason.BEFORE_INDEX : Drops.Reason.OUT_OF_RANGE);
      return null;
    }
    scheduler.heard(p, now);
    if (p.state == Piece.State.DONE || p.state == Piece.State.DECODING || p.has(b.block())) {
      counts.duplicateBlocks++;
      counts.duplicateBytes += len;
      return null;
    }
    if (p.state != Piece.State.FILLING) {
      ByteBuffer into = p == scheduler.index ? ByteBuffer.allocate(p.length) : cache.take();
      if (into == null) {
        feedback.noRoom();
        counts.noRoomBlocks++;
        scheduler.missed(p);
        return null;
      }
      p.startFilling(into);
      scheduler.filling(p);
    }
    counts.receivedBytes += len;
    if (!p.put(b.block(), b.data())) {
      return null;
    }
    scheduler.complete(p);
    return p;
  }
}
