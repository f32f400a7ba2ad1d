package org.nsbed.loader.multicast;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
 * <p>Urgent pieces (the chunk index) go ahead of everything else: a client that has just joined
 * can use no chunk before it has the index, so every chunk sent while its index request waited
 * behind them would have to be sent again.
 */
final class WorkQueue {
  /** One unit of work: blocks of one piece, in ascending order. */
  record Work(int piece, BitSet blocks) {}

  private final LinkedHashMap<Integer, BitSet> queue = new LinkedHashMap<>();
  private final LinkedHashMap<Integer, BitSet> urgent = new LinkedHashMap<>();
  /** When each piece last finished being sent whole (the server's ticker nanoseconds). */
  private final HashMap<Integer, Long> sentWholeAt = new HashMap<>();
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

  /** The sender has sent {@code block} of the piece it is working on. */
  synchronized void sent(int block) {
    sendingAhead.clear(block);
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
