package org.nsbed.provisioner.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The manual clock moves only when told, and a sleep on it moves it instead of waiting. */
class ManualClockTest {
  private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

  @Test
  void aSleepAdvancesBothClocksByItsDurationAndIsRemembered() throws Exception {
    ManualClock clock = new ManualClock(START);
    long nanos = clock.nanos();
    clock.sleep(Duration.ofMinutes(5));
    clock.sleep(Duration.ofMillis(250));
    assertEquals(START.plus(Duration.ofMinutes(5)).plusMillis(250), clock.now());
    assertEquals(Duration.ofMinutes(5).plusMillis(250).toNanos(), clock.nanos() - nanos);
    assertEquals(List.of(Duration.ofMinutes(5), Duration.ofMillis(250)), clock.sleeps());
  }

  @Test
  void whatHappensDuringASleepSeesTheClockAtItsEnd() throws Exception {
    ManualClock clock = new ManualClock(START);
    List<Instant> seen = new ArrayList<>();
    clock.whenSleeping(d -> seen.add(clock.now()));
    clock.sleep(Duration.ofSeconds(2));
    assertEquals(List.of(START.plusSeconds(2)), seen);
  }

  @Test
  void anInterruptedThreadDoesNotSleep() {
    ManualClock clock = new ManualClock(START);
    Thread.currentThread().interrupt();
    assertThrows(InterruptedException.class, () -> clock.sleep(Duration.ofSeconds(1)));
    assertEquals(START, clock.now());
    assertEquals(List.of(), clock.sleeps());
  }

  @Test
  void theClockNeverGoesBack() {
    ManualClock clock = new ManualClock(START);
    assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
    assertEquals(START, clock.now());
  }
}
