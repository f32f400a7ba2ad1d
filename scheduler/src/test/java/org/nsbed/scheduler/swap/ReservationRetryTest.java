package org.nsbed.scheduler.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nsbed.provisioner.mapping.MappingFailure;
import org.nsbed.provisioner.persistence.ConcurrentChangeException;
import org.nsbed.provisioner.time.ManualClock;

/**
 * A reservation that a concurrent swap-in defeats is tried again after a random wait that grows
 * with each try, a bounded number of times, on a manual clock: nothing here waits.
 */
class ReservationRetryTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
  private final AtomicInteger tries = new AtomicInteger();

  /** A reservation that loses to another swap-in {@code losses} times, then succeeds. */
  private SwapIn.Reservation<String> losing(int losses) {
    return () -> {
      if (tries.incrementAndGet() <= losses) {
        throw new ConcurrentChangeException("another transaction reserved pc1 first", null);
      }
      return "reserved";
    };
  }

  @Test
  void aReservationThatLostIsTriedAgainAfterAWaitOf50To250MillisecondsTimesTheTry() throws Exception {
    assertEquals("reserved", SwapIn.reserveRetrying(clock, new Random(7), losing(3)));
    assertEquals(4, tries.get());
    List<Duration> waits = clock.sleeps();
    assertEquals(3, waits.size(), waits.toString());
    for (int i = 0; i < waits.size(); i++) {
      long ms = waits.get(i).toMillis();
      int tryNumber = i + 1;
      assertTrue(ms >= 50L * tryNumber && ms < 250L * tryNumber, "wait after try " + tryNumber + ": " + ms + " ms");
    }
  }

  @Test
  void theWaitsAreRandomSoSwapInsStartedTogetherStopColliding() throws Exception {
    SwapIn.reserveRetrying(clock, new Random(1), losing(1));
    tries.set(0);
    SwapIn.reserveRetrying(clock, new Random(2), losing(1));
    List<Duration> waits = clock.sleeps();
    assertEquals(2, waits.size());
    assertTrue(!waits.get(0).equals(waits.get(1)), waits.toString());
  }

  @Test
  void afterTheLastTryLostTheExperimentCannotBeMappedNow() {
    MappingFailure f = assertThrows(MappingFailure.class,
        () -> SwapIn.reserveRetrying(clock, new Random(7), losing(Integer.MAX_VALUE)));
    assertEquals(MappingFailure.Kind.NOT_NOW, f.kind());
    assertTrue(f.getMessage().contains("another experiment took the nodes"), f.getMessage());
    assertEquals(SwapIn.RESERVE_TRIES, tries.get());
    assertEquals(SwapIn.RESERVE_TRIES - 1, clock.sleeps().size(), "no wait after the last try");
  }

  @Test
  void aMappingFailureIsNotTriedAgain() {
    SwapIn.Reservation<String> unmappable = () -> {
      tries.incrementAndGet();
      throw new MappingFailure(MappingFailure.Kind.NOT_NOW, "2 nodes of type pc850 requested, 1 free");
    };
    assertThrows(MappingFailure.class, () -> SwapIn.reserveRetrying(clock, new Random(7), unmappable));
    assertEquals(1, tries.get());
    assertEquals(List.of(), clock.sleeps());
  }
}
