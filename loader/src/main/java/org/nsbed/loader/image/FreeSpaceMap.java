package org.nsbed.loader.image;

import java.util.Arrays;

/**
 * Disk byte ranges a filesystem does not use, sorted and disjoint; capture leaves them out.
 */
public final class FreeSpaceMap {
  /** No free space known: everything that is not zero is captured. */
  public static final FreeSpaceMap NONE = new FreeSpaceMap(new long[0], new long[0]);

  private final long[] starts;
  private final long[] ends;

  FreeSpaceMap(long[] starts, long[] ends) {
    this.starts = starts;
    this.ends = ends;
  }

  public boolean isEmpty() {
    return starts.length == 0;
  }

  /** Total free bytes. */
  public long bytes() {
    long sum = 0;
    for (int i = 0; i < starts.length; i++) {
      sum += ends[i] - starts[i];
    }
    return sum;
  }

  /** Whether {@code [from, to)} lies entirely inside one free range. */
  public boolean covers(long from, long to) {
    int i = Arrays.binarySearch(starts, from);
    if (i < 0) {
      i = -i - 2;
    }
    return i >= 0 && to <= ends[i];
  }
}
