package org.nsbed.loader.multicast;

/**
 * What a client tells the server about how it copes, the signals the server paces itself by: it
 * knows loss exactly from gaps in the server's sequence numbers (and from blocks it had no room
 * for), and it is falling behind when its socket queues (see {@link ReceiveQueueMonitor}) or
 * {@link #BACKLOG_CHUNKS} complete chunks wait to be written. Either is reported with a SLOW
 * message at most every {@link #SLOW_INTERVAL_NANOS}; loss also rides on the next request's retry
 * flag. Times are the client's ticker nanoseconds. Event-loop confined.
 *
 * <p>It also acknowledges what the client has read ({@link Message.Ack}), which is what the
 * server's {@link ReceiverWindows} let it send: at the end of a read burst once half the
 * window was read since the last ACK, and when blocks stop coming with some unacknowledged (the
 * server may be waiting for us). While the client is behind with its writing it acknowledges
 * nothing new, only repeats its last ACK every {@link #KEEPALIVE_NANOS} so the server keeps waiting.
 */
final class LoadFeedback {
  static final long SLOW_INTERVAL_NANOS = 20_000_000L;
  /**
   * Complete chunks waiting to be checked and written (at most half the cache) beyond which a
   * client says it is falling behind. Enough to ride out a burst, so one fast client is not held
   * back; far less than the cache, so with many clients the server settles near the rate the
   * slowest one writes instead of filling every client's memory and starving its receiving.
   */
  static final int BACKLOG_CHUNKS = 16;
  /** How often an ACK with nothing new goes out, well within {@link ReceiverWindows#EXPIRE_NANOS}. */
  static final long KEEPALIVE_NANOS = 100_000_000L;
  /** No block for this long (a tick) with some unacknowledged: the server may be waiting for our ACK. */
  static final long STALL_NANOS = 5_000_000L;

  private final int backlogLimit;
  private boolean lossToReport;
  private long lostDatagrams;
  private boolean seqKnown;
  private int lastSeq;
  private long lastSlow = Piece.NEVER;
  private int window;
  private boolean acked;
  private int ackedSeq;
  private long lastAck = Piece.NEVER;
  private long lastBlockAt = Piece.NEVER;

  LoadFeedback(int cacheChunks) {
    this.backlogLimit = Math.min(BACKLOG_CHUNKS, cacheChunks / 2);
  }

  /** Blocks the socket can hold beyond what was read; ACKs start once it is set. */
  void window(int datagrams) {
    window = datagrams;
  }

  /** A block numbered {@code seq} by the server arrived at {@code now}; a gap before it is datagrams lost. */
  void sequence(int seq, long now) {
    lastBlockAt = now;
    if (seqKnown && seq - lastSeq > 1) {
      lostDatagrams += seq - lastSeq - 1;
      lossToReport = true;
    }
    if (!seqKnown || seq - lastSeq > 0) {
      lastSeq = seq;
      seqKnown = true;
    }
  }

  /** Data went by that we had no room for: as good as lost, as far as the server's rate goes. */
  void noRoom() {
    lossToReport = true;
  }

  long lostDatagrams() {
    return lostDatagrams;
  }

  /** Whether there is loss to report; reading it clears it (it goes out with the caller's message). */
  boolean takeLoss() {
    boolean l = lossToReport;
    lossToReport = false;
    return l;
  }

  /**
   * Whether an ACK is due at {@code now}, at the end of a read burst ({@code burstEnd}) or on a
   * tick, with {@code backlog} chunks waiting to be written; if so, {@link #ackedSeq} is what to
   * acknowledge.
   */
  boolean ackDue(long now, boolean burstEnd, int backlog) {
    if (window == 0 || !seqKnown) {
      return false;
    }
    boolean behind = backlog >= backlogLimit;
    int unacked = acked ? lastSeq - ackedSeq : Integer.MAX_VALUE;
    boolean due;
    if (behind) {
      due = now - lastAck >= KEEPALIVE_NANOS;
    } else if (burstEnd) {
      due = unacked >= Math.max(1, window / 2);
    } else {
      due = (unacked > 0 && now - lastBlockAt >= STALL_NANOS) || now - lastAck >= KEEPALIVE_NANOS;
    }
    if (!due) {
      return false;
    }
    if (!behind || !acked) {
      ackedSeq = lastSeq;
      acked = true;
    }
    lastAck = now;
    return true;
  }

  int ackedSeq() {
    return ackedSeq;
  }

  int window() {
    return window;
  }

  /**
   * Whether a SLOW report is due now: there is loss to report, or the client is {@code behind},
   * or {@code backlog} chunks wait to be written; and the last report was long enough ago.
   */
  boolean slowDue(long now, boolean behind, int backlog) {
    if (!(lossToReport || behind || backlog >= backlogLimit) || now - lastSlow < SLOW_INTERVAL_NANOS) {
      return false;
    }
    lastSlow = now;
    return true;
  }
}
