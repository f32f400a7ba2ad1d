package org.nsbed.loader.multicast;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces the server's sending: a token bucket at the current rate, which starts at an eighth of
 * the cap (receivers that have just joined are not flooded before they can report), halves
 * when a receiver reports lost datagrams, drops by 15 % when a receiver reports a backlog of chunks
 * it has not written yet (each at most once per interval), and climbs by 10 % each quiet interval
 * (by 50 % until the first report). Used by the sender thread only, apart from the signals.
 */
final class RateControl {
  private static final long INTERVAL_NANOS = 25_000_000L;
  /** Bytes the sender may send in one go before it waits; smooths scheduler jitter. */
  private static final long BURST_BYTES = 512 << 10;

  private final double capBytesPerNano;
  private final double floorBytesPerNano;
  private volatile double bytesPerNano;
  private volatile boolean lossSeen;
  private volatile boolean pressureSeen;
  /** Until the first report, the rate grows fast (as TCP's slow start). */
  private boolean slowStart = true;
  private long nextAdjust = System.nanoTime() + INTERVAL_NANOS;
  private double credit = BURST_BYTES;
  private long lastRefill = System.nanoTime();

  RateControl(int capMbps) {
    capBytesPerNano = capMbps * 1e6 / 8 / 1e9;
    floorBytesPerNano = capBytesPerNano / 64;
    bytesPerNano = capBytesPerNano / 8;
  }

  /** A receiver reported loss; may be called from any thread. */
  void lossSignal() {
    lossSeen = true;
  }

  /** A receiver is falling behind (but not losing data yet); may be called from any thread. */
  void pressureSignal() {
    pressureSeen = true;
  }

  /** Waits until {@code bytes} may be sent at the current rate. */
  void acquire(int bytes) {
    long now = System.nanoTime();
    if (now >= nextAdjust) {
      adjust();
      nextAdjust = now + INTERVAL_NANOS;
    }
    double rate = bytesPerNano;
    credit = Math.min(BURST_BYTES, credit + (now - lastRefill) * rate);
    lastRefill = now;
    credit -= bytes;
    if (credit < 0) {
      LockSupport.parkNanos((long) (-credit / rate));
    }
  }

  private void adjust() {
    if (lossSeen || pressureSeen) {
      slowStart = false;
    }
    if (lossSeen) {
      lossSeen = false;
      pressureSeen = false;
      bytesPerNano = Math.max(floorBytesPerNano, bytesPerNano * 0.5);
    } else if (pressureSeen) {
      pressureSeen = false;
      bytesPerNano = Math.max(floorBytesPerNano, bytesPerNano * 0.85);
    } else {
      bytesPerNano = Math.min(capBytesPerNano, bytesPerNano * (slowStart ? 1.5 : 1.1));
    }
  }

  int currentMbps() {
    return (int) Math.round(bytesPerNano * 8e9 / 1e6);
  }
}
