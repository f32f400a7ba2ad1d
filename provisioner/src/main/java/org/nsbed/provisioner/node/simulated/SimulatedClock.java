package org.nsbed.provisioner.node.simulated;

import org.nsbed.provisioner.time.TestbedClock;

/**
 * A simulated node's own clock: the host's monotonic time minus every moment the host kept the
 * node waiting for resources it simulates the node as having (a load slot, see
 * {@link HostLoadSlots}, or a thread for its boot after a power-on). Deadlines of simulated nodes are measured on it, so a busy host slows
 * a swap-in down instead of failing its nodes. Real hardware has no such clock: its deadlines
 * run on the wall clock.
 */
final class SimulatedClock {
  private final TestbedClock host;
  private long stoppedNanos;
  private long stoppedAt = -1;

  /** A clock that runs with {@code host}'s monotonic time while it is not stopped. */
  SimulatedClock(TestbedClock host) {
    this.host = host;
  }

  /** Nanoseconds on this node's clock (origin arbitrary, as {@link System#nanoTime()}). */
  synchronized long nanos() {
    long now = host.nanos();
    return now - stoppedNanos - (stoppedAt < 0 ? 0 : now - stoppedAt);
  }

  synchronized void stop() {
    if (stoppedAt < 0) {
      stoppedAt = host.nanos();
    }
  }

  synchronized void start() {
    if (stoppedAt >= 0) {
      stoppedNanos += host.nanos() - stoppedAt;
      stoppedAt = -1;
    }
  }
}
