package org.nsbed.provisioner.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A clock that moves only when told: by {@link #advance}, or by the time a caller
 * {@link #sleep sleeps}, which returns at once. Tests run deadline, retry and expiry logic on it
 * without waiting and without depending on how busy the machine is.
 *
 * <p>A sleep advances the clock by its duration, then runs the action given to
 * {@link #whenSleeping} (what the rest of the system does meanwhile, such as another process
 * scheduling a job), then returns. Every sleep is remembered ({@link #sleeps()}), so a test can
 * check how often and how long the code waited. Safe for use by several threads.
 */
public final class ManualClock implements TestbedClock {
  private Instant now;
  private long nanos;
  private final List<Duration> sleeps = new ArrayList<>();
  private volatile Consumer<Duration> whenSleeping = d -> { };

  /** A clock standing at {@code start}. */
  public ManualClock(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized long nanos() {
    return nanos;
  }

  /** Moves the clock forward by {@code duration}. */
  public synchronized void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a clock cannot go back (advance by " + duration + ")");
    }
    now = now.plus(duration);
    nanos += duration.toNanos();
  }

  /** Advances the clock by {@code duration} and runs the {@link #whenSleeping} action; never blocks. */
  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before sleeping " + duration);
    }
    synchronized (this) {
      sleeps.add(duration);
      advance(duration.isNegative() ? Duration.ZERO : duration);
    }
    whenSleeping.accept(duration);
  }

  /** Runs {@code action} with its duration after each sleep has advanced the clock. */
  public void whenSleeping(Consumer<Duration> action) {
    this.whenSleeping = action;
  }

  /** The durations slept so far, in order. */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  @Override
  public synchronized String toString() {
    return "manual clock at " + now;
  }
}
