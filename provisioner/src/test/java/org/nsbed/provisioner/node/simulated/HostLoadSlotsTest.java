package org.nsbed.provisioner.node.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
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

/** Simulated nodes share the host's load slots, and waiting for one stops a node's clock. */
class HostLoadSlotsTest {
  @TempDir Path home;
  private SimulatedNodes testbed;
  private final BlockingQueue<NodeEvent> events = new LinkedBlockingQueue<>();
  private final List<NodeEvent> seen = new java.util.ArrayList<>();
  private final CountDownLatch firstLoadMayEnd = new CountDownLatch(1);
  private final AtomicInteger loading = new AtomicInteger();
  private final AtomicInteger mostAtOnce = new AtomicInteger();

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
        Map.of(), new SimulatedTimings(0.0001), fetcher, new HostLoadSlots(1));
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

  @Test
  void noMoreNodesLoadAtOnceThanTheHostHasSlots() throws Exception {
    oneSlotTestbed();
    load("pc1");
    awaitState("pc1", BootState.RELOADSETUP);
    load("pc2");
    awaitState("pc2", BootState.RELOADSETUP);
    Thread.sleep(300);
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
    load("pc2");
    awaitState("pc2", BootState.RELOADSETUP);
    Thread.sleep(200);
    long waitingClock = testbed.clockNanos("pc2");
    long runningClock = testbed.clockNanos("pc1");
    Thread.sleep(1000);
    assertTrue(testbed.clockNanos("pc2") - waitingClock < TimeUnit.MILLISECONDS.toNanos(100),
        "the waiting node's clock advanced while it waited");
    assertTrue(testbed.clockNanos("pc1") - runningClock >= TimeUnit.MILLISECONDS.toNanos(1000),
        "the loading node's clock runs with the wall clock");
  }
}
