package org.nsbed.provisioner.node.simulated;

import java.util.concurrent.Semaphore;

/**
 * How many simulated nodes of this host run their disk loader at once (docs/lifecycle.md,
 * "Simulating hundreds of nodes on one host"). Each load is the real multicast client, which
 * checks and decompresses every chunk and writes the node's disk: hundreds of them at once on a
 * few cores would each go at a fraction of a machine's speed and miss their deadlines for a
 * shortage the simulated hardware does not have. A node that waits for a slot has its
 * {@link SimulatedClock} stopped, so the wait costs it no deadline time.
 */
final class HostLoadSlots {
  /** Loads per host core: enough that a multicast round reaches several nodes at once. */
  static final int PER_CORE = 8;

  private final Semaphore slots;
  private final int size;

  HostLoadSlots(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("at least one load slot is needed, not " + size);
    }
    this.size = size;
    this.slots = new Semaphore(size, true);
  }

  /** {@value #PER_CORE} per core of this host. */
  static HostLoadSlots forThisHost() {
    return new HostLoadSlots(PER_CORE * Runtime.getRuntime().availableProcessors());
  }

  int size() {
    return size;
  }

  /** Takes a slot for {@code node}, with its clock stopped while it waits. */
  void acquire(SimulatedClock clock) throws InterruptedException {
    if (slots.tryAcquire()) {
      return;
    }
    clock.stop();
    try {
      slots.acquire();
    } finally {
      clock.start();
    }
  }

  void release() {
    slots.release();
  }

  /** How many nodes are waiting for a slot now. */
  int waiting() {
    return slots.getQueueLength();
  }
}
