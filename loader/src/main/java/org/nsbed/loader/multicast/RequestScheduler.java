package org.nsbed.loader.multicast;

import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * Decides what a client asks the server for, and when, Frisbee-style: chunks in the client's own
 * shuffled order, at most {@link #MAX_IN_PROGRESS} at a time and never more than the free chunk
 * buffers; never a chunk someone asked for (or the server sent) within the last
 * {@link #REDO_REQUESTED_NANOS}, and a chunk we asked for that has not started arriving only after
 * twice as long each time (the server is busy: it is queued there, and asking again costs every
 * client a datagram to read); and the gaps of a chunk being filled, by bitmap, as soon as they are
 * certain: the server has moved on to another piece, or no block at all has arrived for
 * {@link #IDLE_NANOS} (the server has gone quiet), or after {@link #REDO_FILLING_NANOS} without
 * news of that chunk, unless another client has just asked for all of them. Gaps we asked for are
 * not asked for again while our request is plainly still queued at the server: none of the
 * chunk's blocks has arrived since, and it is less than {@link #REDO_FILLING_NANOS} old.
 *
 * <p>Every method takes the current time ({@code now}, in nanoseconds of the client's ticker), so
 * the pacing can be tested on a clock the test moves. Event-loop confined.
 */
final class RequestScheduler {
  /** A chunk we are filling that has gone this long without a block gets its gaps asked for again. */
  static final long REDO_FILLING_NANOS = 500_000_000L;
  /** A chunk asked for (by us or anyone) that has not started arriving is asked for again after this. */
  static final long REDO_REQUESTED_NANOS = 500_000_000L;
  /**
   * No block for this long while we wait for some: the server has gone quiet, so whatever we are
   * still missing was lost or never asked for (Frisbee's "3 empty timeouts").
   */
  static final long IDLE_NANOS = 50_000_000L;
  static final int MAX_IN_PROGRESS = 8;
  /** The longest a chunk we asked for waits before we ask again (after doubling). */
  static final long MAX_REDO_REQUESTED_NANOS = 4_000_000_000L;

  /** Where requests go: a piece and the bitmap of the blocks wanted (empty: all of them). */
  interface Requests {
    void request(int piece, byte[] bitmap);
  }

  private final Requests out;
  private final int cacheChunks;
  final Piece index;
  private Piece[] chunks = new Piece[0];
  private int[] order = new int[0];
  private int cursor;
  private final LinkedHashSet<Piece> filling = new LinkedHashSet<>();
  private final LinkedHashSet<Piece> requested = new LinkedHashSet<>();
  private Piece lastBlockPiece;
  private long lastBlockAt;
  private long lastIdleKick = Piece.NEVER;

  RequestScheduler(Piece index, int cacheChunks, Requests out, long now) {
    this.index = index;
    this.cacheChunks = cacheChunks;
    this.out = out;
    this.lastBlockAt = now;
  }

  /**
   * The index has arrived: plans the chunks, {@code lengths} giving each one's length in bytes.
   * Chunks in {@code done} are already on disk; the rest are asked for in a shuffled order so that
   * clients do not move in lockstep.
   */
  void plan(int chunkCount, IntUnaryOperator lengths, BitSet done, SplittableRandom random) {
    chunks = new Piece[chunkCount];
    int todo = chunkCount - done.cardinality();
    order = new int[todo];
    int k = 0;
    for (int i = 0; i < chunkCount; i++) {
      chunks[i] = new Piece(i, lengths.applyAsInt(i), index.blockSize);
      if (done.get(i)) {
        chunks[i].state = Piece.State.DONE;
      } else {
        order[k++] = i;
      }
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  /** The piece numbered {@code number} (the index is numbered after the last chunk), or null. */
  Piece piece(int number) {
    if (number == index.number) {
      return index;
    }
    return number >= 0 && number < chunks.length ? chunks[number] : null;
  }

  /** While the index is all we want: asks for it, or for its gaps. */
  void indexTick(long now) {
    if (index.state == Piece.State.FILLING && (index.passOver || now - index.lastHeard > REDO_FILLING_NANOS)) {
      requestMissing(index, now);
    } else if (index.state != Piece.State.FILLING && now - index.lastHeard > REDO_REQUESTED_NANOS) {
      index.state = Piece.State.REQUESTED;
      index.lastHeard = now;
      out.request(index.number, new byte[0]);
    }
  }

  /** A block of {@code p} arrived; if it is another piece than the last one, the last one's gaps are certain. */
  void heard(Piece p, long now) {
    p.lastHeard = now;
    p.lastBlockAt = now;
    lastBlockAt = now;
    if (lastBlockPiece != p) {
      if (lastBlockPiece != null && lastBlockPiece.state == Piece.State.FILLING) {
        lastBlockPiece.passOver = true;
      }
      lastBlockPiece = p;
    }
  }

  /** {@code p} started arriving (whoever asked) and we had room for it. */
  void filling(Piece p) {
    requested.remove(p);
    filling.add(p);
  }

  /** {@code p} is complete; it goes to be checked and written. */
  void complete(Piece p) {
    filling.remove(p);
  }

  /** Blocks of {@code p} went by while there was no room: ask for it as soon as there is. */
  void missed(Piece p) {
    p.missedData = true;
  }

  /** {@code p} failed its check (it is never written): it is needed again, and asked for at once. */
  void failed(Piece p) {
    p.reset();
    p.missedData = true;
  }

  /** Pieces being filled, whose buffers the caller gives back when the load ends. */
  Iterable<Piece> inFlight() {
    return filling;
  }

  /** Someone else asked for blocks of a piece: we need not ask for those ourselves for a while. */
  void overheard(int number, byte[] bitmap, long now) {
    Piece p = piece(number);
    if (p == null || p.state == Piece.State.DONE || p.state == Piece.State.DECODING) {
      return;
    }
    if (bitmap.length == 0 || p.state != Piece.State.FILLING || p.wantsAnyOf(bitmap)) {
      p.lastHeard = now;
    }
    if (p.state == Piece.State.FILLING && (bitmap.length == 0 || p.coveredBy(bitmap))) {
      // Someone asked for all the gaps we know of: they come to us too, no need to ask ourselves.
      p.passOver = false;
    }
  }

  /**
   * Asks for what is due: the gaps of the chunks being filled, and new chunks while fewer than
   * {@link #MAX_IN_PROGRESS} are in progress and the cache has room beside the {@code busy}
   * chunks waiting to be written.
   */
  void requestMore(long now, int busy) {
    int inProgress = 0;
    boolean idle = now - lastBlockAt > IDLE_NANOS && now - lastIdleKick > IDLE_NANOS;
    if (idle && !filling.isEmpty()) {
      lastIdleKick = now;
      filling.forEach(p -> p.passOver = true);
    }
    for (Piece p : filling) {
      inProgress++;
      if (p.passOver || now - p.lastHeard > REDO_FILLING_NANOS) {
        requestMissing(p, now);
      }
    }
    for (var it = requested.iterator(); it.hasNext(); ) {
      Piece p = it.next();
      if (p.missedData || now - p.lastHeard > redoDelay(p)) {
        p.state = Piece.State.NEEDED;
        it.remove();
      } else {
        inProgress++;
      }
    }
    int room = cacheChunks - filling.size() - busy;
    int scanned = 0;
    while (inProgress < MAX_IN_PROGRESS && inProgress < room && scanned < order.length) {
      Piece p = chunks[order[cursor]];
      cursor = (cursor + 1) % order.length;
      scanned++;
      if (p.state != Piece.State.NEEDED) {
        continue;
      }
      p.state = Piece.State.REQUESTED;
      requested.add(p);
      inProgress++;
      if (p.missedData || now - p.lastHeard > REDO_REQUESTED_NANOS) {
        // Asked before and still nothing: it went by unseen, or our request crossed it. By bitmap,
        // so that the server does not drop it as crossing again.
        out.request(p.number, p.asks > 0 || p.missedData ? p.allBlocksBitmap() : new byte[0]);
        p.missedData = false;
        p.lastHeard = now;
        p.asks++;
      }
    }
  }

  /** How long a chunk we asked for waits for its first block before it is asked for again. */
  static long redoDelay(Piece p) {
    return Math.min(MAX_REDO_REQUESTED_NANOS, REDO_REQUESTED_NANOS << Math.max(0, Math.min(p.asks - 1, 3)));
  }

  private void requestMissing(Piece p, long now) {
    p.passOver = false;
    if (p.askedAlready(now, REDO_FILLING_NANOS)) {
      // Our request for these very gaps is still queued at the server (it is busy, or waiting for
      // a slow client): asking again would only cost every client a datagram to read.
      return;
    }
    p.lastHeard = now;
    p.askedForMissing(now);
    out.request(p.number, p.missingBitmap());
  }
}
