package org.nsbed.provisioner.time;

import java.time.Duration;
import java.time.Instant;

/**
 * The time nsbed's logic runs on: the instants it stores and compares (schedule times, claims,
 * expiries), the monotonic nanoseconds it measures durations with, and the waits between tries.
 * The testbed uses {@link #system()}; a test gives the code under test a {@link ManualClock} and
 * moves it, so deadline, retry and expiry logic behaves the same on a busy machine as on an idle
 * one.
 *
 * <p>What is only a record of when something happened (a log line's stamp) and the waits of
 * Quartz itself, which fires triggers on the system's time, are not on this clock.
 */
public interface TestbedClock {
  /** The current instant. */
  Instant now();

  /** Monotonic nanoseconds with an arbitrary origin, as {@link System#nanoTime()}: for durations only. */
  long nanos();

  /** Waits {@code duration} on this clock. */
  void sleep(Duration duration) throws InterruptedException;

  /** The host's clocks: {@link Instant#now()}, {@link System#nanoTime()}, {@link Thread#sleep}. */
  static TestbedClock system() {
    return SystemClock.INSTANCE;
  }
}
