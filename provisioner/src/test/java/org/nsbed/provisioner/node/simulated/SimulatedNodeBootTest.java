package org.nsbed.provisioner.node.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.provisioner.disk.StandInDisk;
import org.nsbed.provisioner.node.BootTarget;
import org.nsbed.provisioner.node.NodeEvent;
import org.nsbed.provisioner.node.NodeFaults;
import org.nsbed.provisioner.node.BootState;
import org.nsbed.provisioner.node.PowerAction;

/** Booting a simulated node from its disk: what it reports and what its console shows. */
class SimulatedNodeBootTest {
  @TempDir Path home;
  private SimulatedNodes testbed;
  private final BlockingQueue<NodeEvent> events = new LinkedBlockingQueue<>();
  /** Set when a node tries to load an image: none of these boots may. */
  private final java.util.concurrent.atomic.AtomicReference<String> unexpectedLoad =
      new java.util.concurrent.atomic.AtomicReference<>();

  private SimulatedNodes testbed(Map<String, NodeFaults> faults) {
    testbed = new SimulatedNodes(home,
        List.of(new SimulatedNodeSpec("pc1", "pc850", 60), new SimulatedNodeSpec("pc2", "pc3000", 60)),
        faults, new SimulatedTimings(0.001), (target, disk, f, progress) -> {
          unexpectedLoad.set(target.image() + " onto " + disk);
          throw new IllegalStateException("no disk load expected in this test");
        });
    testbed.addListener(events::add);
    return testbed;
  }

  @AfterEach
  void close() {
    if (testbed != null) {
      testbed.close();
    }
    assertEquals(null, unexpectedLoad.get(), "a boot from disk tried to load an image");
  }

  private void installFreeBsd(String node, List<String> types) throws Exception {
    StandInDisk.write(testbed.disk(node), StandInDisk.Spec.single("emulab-ops/FBSD-STD", types, 1,
        new StandInDisk.Os("FBSD-STD", "FreeBSD", "4.7")));
  }

  /** Events until one of {@code last} arrives, or null on timeout (the node went silent). */
  private NodeEvent awaitAny(BootState... last) throws InterruptedException {
    while (true) {
      NodeEvent e = events.poll(1, TimeUnit.SECONDS);
      if (e == null) {
        return null;
      }
      for (BootState s : last) {
        if (e.state() == s) {
          return e;
        }
      }
    }
  }

  private String console(String node) {
    return testbed.readConsole(node, 0).text();
  }

  @Test
  void aSimulatorFaultDuringABootIsSaidOnTheConsole() throws Exception {
    testbed(Map.of());
    testbed.setNextBoot("pc1", new BootTarget.LoadImage("emulab-ops/FBSD-STD",
        new java.net.InetSocketAddress("239.1.2.3", 5000), "lo", 0, 1000, true));
    testbed.power("pc1", PowerAction.CYCLE);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!console("pc1").contains("[simulator error") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(console("pc1").contains("[simulator error: java.lang.IllegalStateException: no disk load expected"),
        console("pc1"));
    unexpectedLoad.set(null);
  }

  @Test
  void bootsTheOsOnItsDiskWhenTheOsSupportsItsType() throws Exception {
    testbed(Map.of());
    installFreeBsd("pc1", List.of("pc850"));
    testbed.setNextBoot("pc1", new BootTarget.Disk("FBSD-STD"));
    testbed.power("pc1", PowerAction.CYCLE);
    NodeEvent up = awaitAny(BootState.ISUP, BootState.TBFAILED);
    assertEquals(BootState.ISUP, up.state());
    assertEquals("FBSD-STD", up.detail());
    String console = console("pc1");
    assertTrue(console.contains("FreeBSD 4.7-RELEASE"), console);
    assertTrue(console.contains("pc1 login:"), console);
  }

  @Test
  void panicsWithoutReportingWhenTheOsHasNoDriverForItsType() throws Exception {
    testbed(Map.of());
    installFreeBsd("pc2", List.of("pc850"));
    testbed.setNextBoot("pc2", new BootTarget.Disk("FBSD-STD"));
    testbed.power("pc2", PowerAction.CYCLE);
    assertEquals(null, awaitAny(BootState.ISUP, BootState.TBFAILED, BootState.BOOTING));
    assertTrue(console("pc2").contains("Kernel panic: no driver for this hardware"), console("pc2"));
  }

  @Test
  void anEmptyDiskHasNoOperatingSystem() throws Exception {
    testbed(Map.of());
    java.nio.file.Files.createDirectories(testbed.disk("pc1").getParent());
    java.nio.file.Files.write(testbed.disk("pc1"), new byte[1 << 20]);
    testbed.power("pc1", PowerAction.ON);
    assertEquals(null, awaitAny(BootState.ISUP, BootState.BOOTING));
    assertTrue(console("pc1").contains("Missing operating system"), console("pc1"));
  }

  @Test
  void aNodeThatNeverBootsGoesSilentAfterTheKernelStarts() throws Exception {
    testbed(Map.of("pc1", new NodeFaults(true, false, OptionalInt.empty(), 0)));
    installFreeBsd("pc1", List.of("pc850"));
    testbed.power("pc1", PowerAction.CYCLE);
    assertEquals(BootState.BOOTING, awaitAny(BootState.BOOTING).state());
    assertEquals(null, awaitAny(BootState.ISUP, BootState.TBFAILED));
    assertFalse(console("pc1").contains("login:"));
  }

  @Test
  void aFailingSetupReportsTbfailed() throws Exception {
    testbed(Map.of("pc1", new NodeFaults(false, true, OptionalInt.empty(), 0)));
    installFreeBsd("pc1", List.of("pc850"));
    testbed.power("pc1", PowerAction.CYCLE);
    assertEquals(BootState.TBFAILED, awaitAny(BootState.ISUP, BootState.TBFAILED).state());
  }

  @Test
  void archivingTheConsoleStartsAFreshLog() throws Exception {
    testbed(Map.of());
    installFreeBsd("pc1", List.of("pc850"));
    testbed.power("pc1", PowerAction.CYCLE);
    awaitAny(BootState.ISUP);
    testbed.archiveConsole("pc1", "testbed/exp1");
    assertEquals("", console("pc1"));
    try (var files = java.nio.file.Files.list(home.resolve("consoles/archive"))) {
      List<Path> archived = files.toList();
      assertEquals(1, archived.size());
      assertTrue(archived.get(0).getFileName().toString().startsWith("pc1.testbed_exp1."));
      assertTrue(java.nio.file.Files.readString(archived.get(0)).contains("pc1 login:"));
    }
  }
}
