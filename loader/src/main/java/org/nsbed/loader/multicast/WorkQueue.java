package org.nsbed.loader.multicast;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The server's single merged queue of work: which blocks of which piece still have to be sent.
 * A piece is never queued twice; a request for a queued piece ORs its blocks into the queued
 * entry, and blocks of the piece being sent right now that are still ahead of the sender are not
 * queued again. So N clients asking for the same chunk cost one transmission.
 *
 * <p>A request for a whole piece that is being sent right now, or that was sent whole moments
 * ago, is dropped (as Frisbee drops one for the chunk being sent): it comes from a client that
 * asked before it had read those blocks from its socket, or from one that joined mid-piece and
 * takes the rest as it goes by, then asks for what it missed by bitmap. A client that really
 * lost the whole piece asks again later and is served then.
 *
 * <p>Blocks sent moments ago (less than {@link #RECENT_BLOCK_NANOS}, at most twice that) are
 * not queued again for a bitmap request either: the request crossed them on their way, which on a
 * busy machine (the asker had not read its socket yet) or with several askers (each asking for
 * what all of them lost, one after the other) would send each repair several times. An asker
 * that really lost them asks again when its request is older than that.
 *
 * <p>Urgent pieces (the chunk index) go ahead of everything else: a client that has just joined
 * can use no chunk before it has the index, so every chunk sent while its index request waited
 * behind them would have to be sent again.
 */
final class WorkQueue {
  /** One unit of work: blocks of one piece, in ascending order. */
  record Work(int piece, BitSet blocks) {}

  /** How long blocks just sent are not queued again by a bitmap request (at least; at most twice as long). */
  static final long RECENT_BLOCK_NANOS = 100_000_000L;

  private final LinkedHashMap<Integer, BitSet> queue = new LinkedHashMap<>();
  private final LinkedHashMap<Integer, BitSet> urgent = new LinkedHashMap<>();
  /** When each piece last finished being sent whole (the server's ticker nanoseconds). */
  private final HashMap<Integer, Long> sentWholeAt = new HashMap<>();
  /** Blocks sent since {@link #recentSince}, and in the span before it. */
  private HashMap<Integer, BitSet> sentRecently = new HashMap<>();
  private HashMap<Integer, BitSet> sentBefore = new HashMap<>();
  private long recentSince;
  private int sendingPiece = -1;
  private BitSet sendingAhead = new BitSet();

  /**
   * Adds a request for {@code blocks} of {@code piece}.
   *
   * @return true if it added any block that was not already going to be sent
   */
  synchronized boolean add(int piece, BitSet blocks) {
    return add(piece, blocks, false);
  }

  /**
   * Adds a request for all {@code blocks} of {@code piece} (at time {@code now}, from
   * the server's ticker) unless the piece is being sent now or was sent whole less than
   * {@code recentNanos} ago.
   *
   * @return true if it added any block that was not already going to be sent
   */
  synchronized boolean addWhole(int piece, BitSet blocks, long now, long recentNanos) {
    Long at = sentWholeAt.get(piece);
    if (piece == sendingPiece || (at != null && now - at < recentNanos)) {
      return false;
    }
    return add(piece, blocks, false);
  }

  /**
   * Adds a request (at time {@code now}, from the server's ticker) for the {@code blocks} of
   * {@code piece} a client lacks, leaving out those sent less than {@link #RECENT_BLOCK_NANOS} ago.
   *
   * @return true if it added any block that was not already going to be sent
   */
  synchronized boolean addMissing(int piece, BitSet blocks, long now) {
    age(now);
    BitSet want = (BitSet) blocks.clone();
    for (HashMap<Integer, BitSet> sent : List.of(sentRecently, sentBefore)) {
      BitSet s = sent.get(piece);
      if (s != null) {
        want.andNot(s);
      }
    }
    return add(piece, want, false);
  }

  /**
   * Adds a request like {@link #add(int, BitSet)}; an urgent piece is sent before any other
   * queued piece.
   */
  synchronized boolean add(int piece, BitSet blocks, boolean isUrgent) {
    BitSet want = (BitSet) blocks.clone();
    if (piece == sendingPiece) {
      want.andNot(sendingAhead);
    }
    if (want.isEmpty()) {
      return false;
    }
    LinkedHashMap<Integer, BitSet> q = isUrgent ? urgent : queue;
    BitSet queued = q.get(piece);
    if (queued != null) {
      int before = queued.cardinality();
      queued.or(want);
      return queued.cardinality() > before;
    }
    q.put(piece, want);
    notifyAll();
    return true;
  }

  /** Wakes a sender waiting in {@link #take} so it can do other work (answer a JOIN). */
  synchronized void poke() {
    notifyAll();
  }

  /**
   * Takes the oldest entry and marks it as being sent. Returns null if the queue is still empty
   * after waiting (up to {@code timeout}) or after a {@link #poke}.
   */
  synchronized Work take(long timeout, TimeUnit unit) throws InterruptedException {
    if (size() == 0) {
      unit.timedWait(this, timeout);
      if (size() == 0) {
        return null;
      }
    }
    Iterator<Map.Entry<Integer, BitSet>> it = (urgent.isEmpty() ? queue : urgent).entrySet().iterator();
    Map.Entry<Integer, BitSet> head = it.next();
    it.remove();
    sendingPiece = head.getKey();
    sendingAhead = (BitSet) head.getValue().clone();
    return new Work(head.getKey(), head.getValue());
  }

  /** The sender has sent {@code block} of the piece it is working on, at {@code now}. */
  synchronized void sent(int block, long now) {
    sendingAhead.clear(block);
    age(now);
    sentRecently.computeIfAbsent(sendingPiece, k -> new BitSet()).set(block);
  }

  private void age(long now) {
    if (now - recentSince < RECENT_BLOCK_NANOS) {
      return;
    }
    sentBefore = now - recentSince < 2 * RECENT_BLOCK_NANOS ? sentRecently : new HashMap<>();
    sentRecently = new HashMap<>();
    recentSince = now;
  }

  /** The sender has sent every block of {@code piece}, finishing at {@code now}. */
  synchronized void sentWhole(int piece, long now) {
    sentWholeAt.put(piece, now);
  }

  /** The sender has finished (or abandoned) its current piece. */
  synchronized void done() {
    sendingPiece = -1;
    sendingAhead = new BitSet();
  }

  synchronized int size() {
    return queue.size() + urgent.size();
  }
}
