package org.nsbed.server.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The benchmark's percentiles: nearest rank, over every client's measurements. */
class LatenciesTest {

  private static Latencies millis(long... values) {
    Latencies l = new Latencies();
    for (long v : values) {
      l.record(v * 1_000_000);
    }
    return l;
  }

  @Test
  void percentilesAreNearestRankOfTheSortedLatencies() {
    // 1..100 ms in reverse order: the p-th percentile of 100 values is the p-th smallest.
    Latencies l = new Latencies();
    for (long ms = 100; ms >= 1; ms--) {
      l.record(ms * 1_000_000);
    }
    assertEquals(50.0, l.percentileMillis(50));
    assertEquals(99.0, l.percentileMillis(99));
    assertEquals(100.0, l.percentileMillis(100));
    assertEquals(1.0, l.percentileMillis(0.5));
  }

  @Test
  void aPercentileIsAlwaysAMeasuredLatency() {
    Latencies l = millis(10, 20, 30, 40);
    assertEquals(20.0, l.percentileMillis(50));
    assertEquals(40.0, l.percentileMillis(99));
    assertEquals(10.0, l.percentileMillis(1));
  }

  @Test
  void oneSlowRequestInAHundredIsTheP100NotTheP99() {
    long[] values = new long[100];
    java.util.Arrays.fill(values, 5);
    values[37] = 900;
    Latencies l = millis(values);
    assertEquals(5.0, l.percentileMillis(99));
    assertEquals(900.0, l.percentileMillis(100));
  }

  @Test
  void clientsAreAddedTogetherWithTheirErrors() {
    Latencies a = millis(1, 2, 3);
    a.recordError();
    Latencies b = millis(4, 5);
    b.recordError();
    b.recordError();
    Latencies all = new Latencies();
    all.add(a);
    all.add(b);
    assertEquals(5, all.count());
    assertEquals(3, all.errors());
    assertEquals(3.0, all.percentileMillis(50));
    assertEquals(5.0, all.percentileMillis(100));
  }

  @Test
  void manyMeasurementsGrowTheStore() {
    Latencies l = new Latencies();
    for (int i = 1; i <= 5000; i++) {
      l.record(i * 1_000L);
    }
    assertEquals(5000, l.count());
    assertEquals(4.95, l.percentileMillis(99), 1e-9);
  }

  @Test
  void nothingMeasuredGivesZeroAndABadPercentileIsRefused() {
    assertEquals(0.0, new Latencies().percentileMillis(99));
    assertThrows(IllegalArgumentException.class, () -> millis(1).percentileMillis(0));
    assertThrows(IllegalArgumentException.class, () -> millis(1).percentileMillis(101));
  }
}
