package org.nsbed.provisioner.node.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.provisioner.node.BootTarget;
import org.nsbed.provisioner.node.ImageFetcher;
import org.nsbed.provisioner.node.NodeEvent;
import org.nsbed.provisioner.node.BootState;
import org.nsbed.provisioner.node.PowerAction;
import org.nsbed.provisioner.time.ManualClock;

/**
 * Simulated nodes share the host's load slots, and waiting for one stops a node's clock (the
 * host's time is a manual clock there).
 */
class HostLoadSlotsTest {
  @TempDir Path home;
  private SimulatedNodes testbed;
  private final BlockingQueue<NodeEvent> events = new LinkedBlockingQueue<>();
  private final List<NodeEvent> seen = new java.util.ArrayList<>();
  private final CountDownLatch firstLoadMayEnd = new CountDownLatch(1);
  private final AtomicInteger loading = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private final HostLoadSlots oneSlot = new HostLoadSlots(1);
  private final ManualClock host = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));

  @AfterEach
  void close() {
    firstLoadMayEnd.countDown();
    if (testbed != null) {
      testbed.close();
    }
  }

  /** Two nodes and one slot; a load lasts until the test lets it end. */
  private void oneSlotTestbed() {
    ImageFetcher fetcher = (target, disk, faults, progress) -> {
      mostAtOnce.accumulateAndGet(loading.incrementAndGet(), Math::max);
      try {
        firstLoadMayEnd.await();
      } finally {
        loading.decrementAndGet();
      }
      return new ImageFetcher.FetchOutcome(true, false, 0, "loaded");
    };
    testbed = new SimulatedNodes(home,
        List.of(new SimulatedNodeSpec("pc1", "pc850", 60), new SimulatedNodeSpec("pc2", "pc850", 60)),
        Map.of(), new SimulatedTimings(0.0001), fetcher, oneSlot, host);
    testbed.addListener(events::add);
  }

  private void load(String node) {
    testbed.setNextBoot(node, new BootTarget.LoadImage("emulab-ops/FBSD-STD",
        new InetSocketAddress("239.255.0.1", 4000), "lo", 0, 1, false));
    testbed.power(node, PowerAction.CYCLE);
  }

  /** Waits for the event; events of other nodes stay in {@link #seen} for later waits. */
  private void awaitState(String node, BootState state) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < until) {
      if (seen.stream().anyMatch(e -> e.node().equals(node) && e.state() == state)) {
        return;
      }
      NodeEvent e = events.poll(100, TimeUnit.MILLISECONDS);
      if (e != null) {
        seen.add(e);
      }
    }
    throw new AssertionError(node + " never reported " + state);
  }

  /**
   * Waits until the first node holds the slot: it reports RELOADSETUP before it takes one, so
   * without this wait the second node could take the slot first.
   */
  private void awaitFirstLoading() throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (loading.get() != 1) {
      if (System.nanoTime() > until) {
        throw new AssertionError("the first node never began its load");
      }
      Thread.sleep(10);
    }
  }

  /** Waits until a node waits for the slot (it may never: then the slot did not hold it). */
  private void awaitOneWaiting() throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (oneSlot.waiting() != 1) {
      if (System.nanoTime() > until) {
        throw new AssertionError("no node waits for the slot; loading at once: " + loading.get());
      }
      Thread.sleep(10);
    }
  }

  @Test
  void noMoreNodesLoadAtOnceThanTheHostHasSlots() throws Exception {
    oneSlotTestbed();
    load("pc1");
    awaitState("pc1", BootState.RELOADSETUP);
    awaitFirstLoading();
    load("pc2");
    awaitState("pc2", BootState.RELOADSETUP);
    awaitOneWaiting();
    assertEquals(1, loading.get());
    firstLoadMayEnd.countDown();
    awaitState("pc1", BootState.RELOADDONE);
    awaitState("pc2", BootState.RELOADDONE);
    assertEquals(1, mostAtOnce.get());
  }

  @Test
  void aNodeWaitingForASlotHasItsClockStopped() throws Exception {
    oneSlotTestbed();
    load("pc1");
    awaitState("pc1", BootState.RELOADSETUP);
    awaitFirstLoading();
    load("pc2");
    awaitState("pc2", BootState.RELOADSETUP);
    awaitOneWaiting();
    long waitingClock = testbed.clockNanos("pc2");
    long runningClock = testbed.clockNanos("pc1");
    host.advance(Duration.ofSeconds(1));
    assertEquals(0, testbed.clockNanos("pc2") - waitingClock, "the waiting node's clock advanced while it waited");
    assertEquals(Duration.ofSeconds(1).toNanos(), testbed.clockNanos("pc1") - runningClock,
        "the loading node's clock runs with the host's");
  }
}
