package org.nsbed.provisioner.time;

import java.time.Duration;
import java.time.Instant;

/** {@link TestbedClock#system()}. */
enum SystemClock implements TestbedClock {
  INSTANCE;

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public long nanos() {
    return System.nanoTime();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (!duration.isNegative() && !duration.isZero()) {
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    }
  }

  @Override
  public String toString() {
    return "system clock";
  }
}
