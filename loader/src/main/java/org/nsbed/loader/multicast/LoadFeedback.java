package org.nsbed.loader.multicast;

/**
 * What a client tells the server about how it copes, the signals the server paces itself by: it
 * knows loss exactly from gaps in the server's sequence numbers (and from blocks it had no room
 * for), and it is falling behind when its socket queues (see {@link ReceiveQueueMonitor}) or
 * {@link #BACKLOG_CHUNKS} complete chunks wait to be written. Either is reported with a SLOW
 * message at most every {@link #SLOW_INTERVAL_NANOS}; loss also rides on the next request's retry
 * flag. Times are the client's ticker nanoseconds. Event-loop confined.
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

  private final int backlogLimit;
  private boolean lossToReport;
  private long lostDatagrams;
  private boolean seqKnown;
  private int lastSeq;
  private long lastSlow = Piece.NEVER;

  LoadFeedback(int cacheChunks) {
    this.backlogLimit = Math.min(BACKLOG_CHUNKS, cacheChunks / 2);
  }

  /** A block numbered {@code seq} by the server arrived; a gap before it is datagrams lost. */
  void sequence(int seq) {
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
