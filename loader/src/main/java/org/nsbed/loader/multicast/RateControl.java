package org.nsbed.loader.multicast;

import io.netty.util.concurrent.Ticker;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces the server's sending: a token bucket at the current rate, drawn in bursts of 256 KiB
 * (each receiver then wakes once per burst, not once per datagram). The rate starts at 1/16 of
 * the cap (receivers that have just joined are not flooded before they can report) and grows by
 * half each quiet interval until the first report (slow start), which sets it back by three such
 * steps, since reports lag the rate. After that a report of lost datagrams halves it, a report of
 * falling behind (a receiver's socket is queueing, or its chunks wait to be written) lowers it by
 * 15 % (each at most once per interval), and each quiet interval raises it by 10 % up to the cap.
 * Used by the sender thread only, apart from the signals. Time comes from a {@link Ticker}, so the
 * pacing and the adjustments can be followed on a clock a test moves ({@link #reserve}).
 */
final class RateControl {
  private static final long INTERVAL_NANOS = 25_000_000L;
  /** Bytes the sender may send in one go before it waits; smooths scheduler jitter. */
  private static final long BURST_BYTES = 512 << 10;
  /** Bytes sent back to back once the bucket has run dry (as Frisbee sends bursts of blocks). */
  private static final long QUANTUM_BYTES = 256 << 10;
  private static final double SLOW_START_GROWTH = 1.5;
  /**
   * What a link carries per datagram besides its UDP payload: IPv4 and UDP headers (28 bytes),
   * Ethernet header and checksum (18), preamble and gap (20). Counted so that a rate cap set to a
   * link's rate does not overrun it: with 1 KiB blocks they are 6 % of the bytes on the wire.
   */
  static final int DATAGRAM_OVERHEAD_BYTES = 66;

  private final Ticker ticker;
  private final double capBytesPerNano;
  private final double floorBytesPerNano;
  private volatile double bytesPerNano;
  private volatile boolean lossSeen;
  private volatile boolean pressureSeen;
  /** Until the first report, the rate grows fast (as TCP's slow start). */
  private boolean slowStart = true;
  private long nextAdjust;
  private double credit = BURST_BYTES;
  private long lastRefill;

  RateControl(int capMbps, Ticker ticker) {
    this.ticker = ticker;
    this.lastRefill = ticker.nanoTime();
    this.nextAdjust = lastRefill + INTERVAL_NANOS;
    capBytesPerNano = capMbps * 1e6 / 8 / 1e9;
    floorBytesPerNano = capBytesPerNano / 64;
    bytesPerNano = capBytesPerNano / 16;
  }

  /** A receiver reported loss; may be called from any thread. */
  void lossSignal() {
    lossSeen = true;
  }

  /** A receiver is falling behind (but not losing data yet); may be called from any thread. */
  void pressureSignal() {
    pressureSeen = true;
  }

  /**
   * Waits until a datagram of {@code bytes} (UDP payload) may be sent at the current rate. A precise park, not the ticker's
   * sleep: the waits are tens of microseconds, and sleeps round them up to milliseconds.
   */
  void acquire(int bytes) {
    long wait = reserveDatagram(bytes, ticker.nanoTime());
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  /** Like {@link #reserve}, for a datagram of {@code bytes} (UDP payload) and what the link adds to it. */
  long reserveDatagram(int bytes, long now) {
    return reserve(bytes + DATAGRAM_OVERHEAD_BYTES, now);
  }

  /** Takes {@code bytes} from the bucket at time {@code now}; returns how long to wait before sending them. */
  long reserve(int bytes, long now) {
    if (now >= nextAdjust) {
      adjust();
      nextAdjust = now + INTERVAL_NANOS;
    }
    double rate = bytesPerNano;
    credit = Math.min(BURST_BYTES, credit + (now - lastRefill) * rate);
    lastRefill = now;
    credit -= bytes;
    if (credit < 0) {
      // Wait for a whole quantum, not just this datagram: datagrams then leave in small bursts
      // and each receiver wakes once per burst instead of once per datagram.
      return (long) ((QUANTUM_BYTES - credit) / rate);
    }
    return 0;
  }

  private void adjust() {
    if (slowStart && (lossSeen || pressureSeen)) {
      // The first report left slow start: the receivers' reports lag the rate by a few intervals,
      // so fall back to about where the rate was then (three growth steps ago).
      slowStart = false;
      lossSeen = false;
      pressureSeen = false;
      bytesPerNano = Math.max(floorBytesPerNano, bytesPerNano / (SLOW_START_GROWTH * SLOW_START_GROWTH * SLOW_START_GROWTH));
    } else if (lossSeen) {
      lossSeen = false;
      pressureSeen = false;
      bytesPerNano = Math.max(floorBytesPerNano, bytesPerNano * 0.5);
    } else if (pressureSeen) {
      pressureSeen = false;
      bytesPerNano = Math.max(floorBytesPerNano, bytesPerNano * 0.85);
    } else {
      bytesPerNano = Math.min(capBytesPerNano, bytesPerNano * (slowStart ? SLOW_START_GROWTH : 1.1));
    }
  }

  int currentMbps() {
    return (int) Math.round(bytesPerNano * 8e9 / 1e6);
  }
}
