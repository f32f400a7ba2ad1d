package org.nsbed.loader.multicast;

import io.netty.util.concurrent.Ticker;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Multicast flow control: the server sends a block only if every client that acknowledges
 * ({@link Message.Ack}) has room for it, that is, its sequence number is within the window the
 * slowest of them last granted. So when a client is short of CPU (its socket queueing) or behind
 * with its writing, the server waits for it instead of overflowing its socket buffer and then
 * paying for the loss with repairs that every other client receives as duplicates.
 *
 * <p>A client that joins is waited for from its first JOIN: after a few more blocks (the join
 * allowance: enough to finish the piece being sent and send the chunk index) the server waits for
 * its first ACK, which it sends once it has the index, so clients that start together start
 * together instead of the first ones taking chunks the others then ask for again. A client that says nothing for {@link #EXPIRE_NANOS} (it died, or it left without
 * a word, or never acknowledges at all) no longer holds the server back, and is not waited for
 * again on its later JOINs; one that leaves says so. Acknowledgements arrive on the server's event loop, the sender waits on its own
 * thread; both go through this object's monitor.
 */
final class ReceiverWindows {
  /** A client silent this long is no longer waited for. Clients with nothing new to say still say so every 100 ms. */
  static final long EXPIRE_NANOS = 1_000_000_000L;
  /** How long a waiting sender sleeps before it looks for silent clients again. */
  private static final long RECHECK_MILLIS = 10;

  private record Grant(int limit, long heard) {}

  private final Ticker ticker;
  private final int joinAllowance;
  private final Map<Integer, Grant> grants = new HashMap<>();
  private final Set<Integer> joined = new HashSet<>();
  /** The block the sender is about to send. */
  private int next;

  /** @param joinAllowance blocks sent to a client that has joined, ahead of its first ACK */
  ReceiverWindows(Ticker ticker, int joinAllowance) {
    this.ticker = ticker;
    this.joinAllowance = joinAllowance;
  }

  /** Client {@code clientId} has joined: it is waited for, once it has had a few blocks to start with. */
  synchronized void joined(int clientId) {
    if (joined.add(clientId)) {
      grants.putIfAbsent(clientId, new Grant(next + joinAllowance, ticker.nanoTime()));
    }
  }

  /** Client {@code clientId} has read up to {@code seq} and takes {@code window} more. */
  synchronized void ack(int clientId, int seq, int window) {
    int limit = seq + Math.max(1, window);
    if (!joined.add(clientId) && !grants.containsKey(clientId) && limit - (next + joinAllowance) < 0) {
      // Back after a silence (its link was down): what was sent meanwhile is lost to it, and it
      // will never acknowledge it; it is waited for like a client that has just joined.
      limit = next + joinAllowance;
    }
    Grant before = grants.get(clientId);
    if (before != null && before.limit() - limit > 0) {
      // A late or repeated ACK (held in a queue while the link was down) never takes room back.
      limit = before.limit();
    }
    grants.put(clientId, new Grant(limit, ticker.nanoTime()));
    notifyAll();
  }

  /** Client {@code clientId} has left: it holds nothing back any more. */
  synchronized void leave(int clientId) {
    if (grants.remove(clientId) != null) {
      notifyAll();
    }
  }

  /**
   * Whether block {@code seq} may be sent at {@code now}: every live client's grant reaches past
   * it. Silent clients are forgotten on the way.
   */
  synchronized boolean maySend(int seq, long now) {
    boolean room = true;
    for (Iterator<Grant> it = grants.values().iterator(); it.hasNext(); ) {
      Grant g = it.next();
      if (now - g.heard() > EXPIRE_NANOS) {
        it.remove();
      } else if (seq - g.limit() > 0) {
        room = false;
      }
    }
    return room;
  }

  /**
   * Whether block {@code seq}, the next to go, may be sent now; if not, waits a little (until an
   * ACK or a LEAVE, at most {@link #RECHECK_MILLIS}) and returns false, so the caller can do other
   * work (answer a JOIN) before it asks again.
   */
  synchronized boolean roomFor(int seq) throws InterruptedException {
    next = seq;
    if (maySend(seq, ticker.nanoTime())) {
      return true;
    }
    wait(RECHECK_MILLIS);
    return false;
  }

  /** Clients being waited for. */
  synchronized int clients() {
    return grants.size();
  }
}
