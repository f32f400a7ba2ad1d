package org.nsbed.loader.multicast;

/**
 * What a client tells the server about how it copes, the signals the server paces itself by: it
 * knows loss exactly from gaps in the server's sequence numbers (and from blocks it had no room
 * for), and it is falling behind when its socket queues (see {@link ReceiveQueueMonitor}) or
 * {@link #BACKLOG_CHUNKS} complete chunks wait to be written. Either is reported with a SLOW
 * message at most every {@link #SLOW_INTERVAL_NANOS}; loss also rides on the next request's retry
 * flag. Times are the client's ticker nanoseconds. Event-loop confined.
 *
 * <p>Only loss that looks like congestion is reported, because the server halves its rate on it:
 * a run of {@link #CONGESTION_RUN} or more datagrams lost in a row (an overflowing queue, in a
 * socket or a switch, drops everything that arrives while it is full), or more than
 * {@link #CONGESTION_LOSS_PERCENT} % of the datagrams of a stretch of {@link #STRETCH_DATAGRAMS}.
 * Scattered loss below that (a lossy link: 2 % random loss gives a run of 8 about once in
 * 10<sup>12</sup> losses) is repaired but not reported; sending slower would not reduce it.
 *
 * <p>It also acknowledges what the client has read ({@link Message.Ack}), which is what the
 * server's {@link ReceiverWindows} let it send: at the end of a read burst once half the
 * window was read since the last ACK, and when blocks stop coming with some unacknowledged (the
 * server may be waiting for us), then again every {@link #ACK_REPEAT_NANOS} while none come.
 * While the client is behind with its writing it acknowledges nothing new, only repeats its last
 * ACK every {@link #KEEPALIVE_NANOS} so the server keeps waiting.
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
  /**
   * While no blocks come, the last ACK is repeated this often: it may have been lost on the way,
   * and the server would then wait for it until the keepalive.
   */
  static final long ACK_REPEAT_NANOS = 25_000_000L;
  /** Ethernet, IPv4 and UDP headers and the kernel's headroom and shared info, in a datagram's allocation. */
  private static final int PACKET_HEADERS_BYTES = 14 + 20 + 8 + 320;
  /** The kernel's socket buffer head, counted besides each datagram's allocation. */
  private static final int SKB_BYTES = 256;
  /** Datagrams lost in a row that are taken for a queue overflowing, not a lossy link. */
  static final int CONGESTION_RUN = 8;
  /** Loss over a stretch beyond which it is taken for congestion even when scattered. */
  static final int CONGESTION_LOSS_PERCENT = 20;
  /** Datagrams (received and lost) over which the share of loss is judged. */
  static final int STRETCH_DATAGRAMS = 256;

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
  private int stretchSeen;
  private int stretchLost;

  LoadFeedback(int cacheChunks) {
    this.backlogLimit = Math.min(BACKLOG_CHUNKS, cacheChunks / 2);
  }

  /**
   * The window a client grants: the blocks that fill half its socket's receive buffer of
   * {@code bufferBytes}, as the kernel counts a datagram carrying a block of {@code blockSize}.
   * A small datagram costs its data, headers and headroom rounded up to a power of two, plus the
   * socket buffer head (a 1 KiB block 2,304 bytes, measured); a large one is made of pages and
   * costs about a page more than its data.
   */
  static int windowBlocks(int bufferBytes, int blockSize) {
    int packet = blockSize + Wire.BLOCK_HEADER + PACKET_HEADERS_BYTES;
    int cost = packet < 4096 ? Integer.highestOneBit(packet - 1) * 2 + SKB_BYTES : blockSize + 4096;
    return Math.max(4, bufferBytes / 2 / cost);
  }

  /** Blocks the socket can hold beyond what was read; ACKs start once it is set. */
  void window(int datagrams) {
    window = datagrams;
  }

  /** A block numbered {@code seq} by the server arrived at {@code now}; a gap before it is datagrams lost. */
  void sequence(int seq, long now) {
    lastBlockAt = now;
    if (seqKnown && seq - lastSeq > 1) {
      int gap = seq - lastSeq - 1;
      lostDatagrams += gap;
      stretchLost += gap;
      stretchSeen += gap;
      if (gap >= CONGESTION_RUN) {
        lossToReport = true;
      }
    }
    if (++stretchSeen >= STRETCH_DATAGRAMS) {
      if (stretchLost * 100L > (long) stretchSeen * CONGESTION_LOSS_PERCENT) {
        lossToReport = true;
      }
      stretchSeen = 0;
      stretchLost = 0;
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

  /** Whether there is congestion loss to report; reading it clears it (it goes out with the caller's message). */
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
      boolean stalled = now - lastBlockAt >= STALL_NANOS;
      due = stalled && (unacked > 0 || now - lastAck >= ACK_REPEAT_NANOS) || now - lastAck >= KEEPALIVE_NANOS;
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
