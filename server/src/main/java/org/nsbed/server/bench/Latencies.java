package org.nsbed.server.bench;

import java.util.Arrays;

/**
 * Request latencies of one kind of call, and their summary. Percentiles use the nearest-rank
 * method: the p-th percentile of n sorted values is the value at rank ceil(p/100 x n), so it is
 * always a latency that was measured, and p100 is the maximum.
 */
public final class Latencies {
  private long[] nanos = new long[1024];
  private int count;
  private long errors;

  /** Records one answered request. Not thread-safe: each client keeps its own and {@link #add}s them at the end. */
  public void record(long latencyNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = latencyNanos;
  }

  /** Records a request that failed (an error status, or no answer). */
  public void recordError() {
    errors++;
  }

  /** Adds another client's measurements to these. */
  public void add(Latencies other) {
    for (int i = 0; i < other.count; i++) {
      record(other.nanos[i]);
    }
    errors += other.errors;
  }

  /** Requests answered without error. */
  public int count() {
    return count;
  }

  public long errors() {
    return errors;
  }

  /**
   * The {@code percent}-th percentile in milliseconds (nearest rank), 0 when nothing was measured.
   *
   * @param percent from 0 (exclusive) to 100 (inclusive)
   */
  public double percentileMillis(double percent) {
    if (!(percent > 0 && percent <= 100)) {
      throw new IllegalArgumentException("a percentile is above 0 and at most 100, not " + percent);
    }
    if (count == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    // percent x count first: exact for whole percentiles, where percent / 100 is not.
    int rank = (int) Math.ceil(percent * count / 100.0);
    return sorted[Math.max(rank, 1) - 1] / 1e6;
  }
}
