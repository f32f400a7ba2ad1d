package org.nsbed.scheduler.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.provisioner.experiment.ExperimentState;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.NodeStatus;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.time.ManualClock;

/** Swap-in and swap-out on the simulated testbed with the real loader, database and scheduler. */
class SwapInTest {
  /**
   * The site of these tests. Its time scale sets the nodes' deadlines (a load 6 s, a boot 3.6 s at
   * 0.01) but not the real multicast load, which took 0.9 s on a machine with a load average of 16
   * on 2 cores: a machine twice as busy still meets them.
   */
  static final String TESTBED = """
      projects: [emulab-ops, testbed]
      users:
        - {name: alice, projects: {testbed: leader}}
      nodeTypes:
        - {name: pc850, class: pc, defaultOs: FBSD-STD, biosWaitSeconds: 60}
        - {name: pc3000, class: pc, defaultOs: FBSD-STD, biosWaitSeconds: 60}
      nodes:
        - {names: "pc[1-3]", type: pc850}
        - {names: "pc[101-101]", type: pc3000}
      osids:
        - {name: FBSD-STD, project: emulab-ops, os: FreeBSD, version: "10.3", shared: true, rebootWaitSeconds: 120}
        - {name: Ubuntu-STD, project: emulab-ops, os: Linux, version: "16.04", shared: true, rebootWaitSeconds: 120}
      images:
        - {name: FBSD-STD, project: emulab-ops, global: true, loadPartition: 0, partitions: {1: FBSD-STD},
           nodeTypes: [pc850, pc3000]}
        - {name: Ubuntu-STD, project: emulab-ops, global: true, loadPartition: 0, partitions: {1: Ubuntu-STD},
           nodeTypes: [pc850]}
      FAULTS
      simulation: {timeScale: 0.01}
      """;

  @TempDir Path home;
  private SiteFixture site;

  private SiteFixture site(String faults) throws Exception {
    site = SiteFixture.start(home, TESTBED.replace("FAULTS", faults));
    return site;
  }

  @AfterEach
  void close() throws Exception {
    if (site != null) {
      site.close();
    }
  }

  @Test
  void swapInLoadsAndBootsEveryNodeThenSwapOutReleasesThem() throws Exception {
    site("");
    site.create("two", SiteFixture.ir(new String[] {"a", "pc850", "FBSD-STD", "fatal"},
        new String[] {"b", "pc850", "Ubuntu-STD", "nonfatal"}));
    Operation in = site.await(site.ops.swapIn("testbed", "two", "alice"));
    assertEquals(Operation.State.DONE, in.state(), in.message());
    assertEquals(ExperimentState.ACTIVE, site.experiment("two").state());
    List<ExperimentNode> nodes = site.nodesOf("two");
    assertTrue(nodes.stream().allMatch(n -> n.status() == NodeStatus.UP), nodes.toString());
    assertEquals("emulab-ops/Ubuntu-STD", nodes.get(1).image());
    String console = site.nodes.readConsole(nodes.get(1).physical(), 0).text();
    assertTrue(console.contains("login:"), console);
    String mail = site.mailbox("alice");
    assertTrue(mail.contains("Subject: Swap-in of testbed/two succeeded"), mail);
    assertTrue(mail.contains("failure action"), mail);

    Operation out = site.await(site.ops.swapOut("testbed", "two", "alice"));
    assertEquals(Operation.State.DONE, out.state(), out.message());
    assertEquals(ExperimentState.SWAPPED, site.experiment("two").state());
    assertEquals(List.of(), site.heldBy("two"));
    List<Operation> reloads = new org.nsbed.scheduler.node.Reloads(site.engine).unfinished();
    assertEquals(1, reloads.size(), "freed nodes are reloaded with their default image");
    site.awaitReloads();
    assertEquals(Operation.State.DONE, site.engine.operation(reloads.get(0).id()).state());
    assertEquals(List.of(), site.reservedNodes());
    String reloaded = site.nodes.readConsole(nodes.get(1).physical(), 0).text();
    assertTrue(reloaded.contains("Image load complete: emulab-ops/FBSD-STD"), "pc850's default image: " + reloaded);
    try (var archived = Files.list(home.resolve("consoles/archive"))) {
      assertEquals(2, archived.count(), "each node's console log kept at swap-out");
    }
  }

  @Test
  void aNonfatalNodeThatNeverBootsIsReportedAndTheExperimentGoesActive() throws Exception {
    site("faults:\n  - {node: pc2, boot: never}");
    site.create("nf", SiteFixture.ir(new String[] {"a", "pc850", "FBSD-STD", "fatal", "pc1"},
        new String[] {"b", "pc850", "FBSD-STD", "nonfatal", "pc2"}));
    Operation in = site.await(site.ops.swapIn("testbed", "nf", "alice"));
    assertEquals(Operation.State.DONE, in.state(), in.message());
    assertEquals(1, in.failedNodes());
    assertEquals(ExperimentState.ACTIVE, site.experiment("nf").state());
    ExperimentNode b = site.nodesOf("nf").get(1);
    assertEquals(NodeStatus.FAILED, b.status());
    assertTrue(b.reason().contains("did not come up"), b.reason());
    assertEquals("pc2", b.physical());
  }

  @Test
  void aFatalNodeThatNeverBootsIsReplacedByAnotherNode() throws Exception {
    site("faults:\n  - {node: pc1, boot: never}");
    site.create("fatal", SiteFixture.ir(new String[] {"a", "pc850", "FBSD-STD", "fatal"}));
    Operation in = site.await(site.ops.swapIn("testbed", "fatal", "alice"));
    assertEquals(Operation.State.DONE, in.state(), in.message());
    ExperimentNode a = site.nodesOf("fatal").get(0);
    assertEquals(NodeStatus.UP, a.status());
    assertNotEquals("pc1", a.physical());
    assertEquals(List.of(a.physical()), site.heldBy("fatal"));
  }

  @Test
  void withoutASpareNodeAFatalFailureFailsTheSwapInAndReleasesEverything() throws Exception {
    site("faults:\n  - {node: pc101, boot: never}");
    site.create("nospare", SiteFixture.ir(new String[] {"a", "pc850", "FBSD-STD", "fatal"},
        new String[] {"b", "pc3000", "FBSD-STD", "fatal"}));
    Operation in = site.await(site.ops.swapIn("testbed", "nospare", "alice"));
    assertEquals(Operation.State.FAILED, in.state());
    assertTrue(in.message().contains("cannot be mapped now") && in.message().contains("pc101"), in.message());
    assertEquals(ExperimentState.SWAPPED, site.experiment("nospare").state());
    assertEquals(List.of(), site.heldBy("nospare"));
    site.awaitReloads();
    assertEquals(List.of(), site.reservedNodes(), "released nodes are reloaded and freed");
    site.db.run(s -> {
      org.nsbed.provisioner.catalog.Node pc101 = new org.nsbed.provisioner.catalog.CatalogRepository(s).node("pc101").orElseThrow();
      assertEquals(org.nsbed.provisioner.catalog.Allocation.DOWN, pc101.state(),
          "the node that never boots fails its reload too and goes down");
      assertTrue(pc101.downReason().startsWith("reload failed: "), pc101.downReason());
    });
    assertTrue(site.mailbox("alice").contains("Subject: Swap-in of testbed/nospare failed"));
  }

  @Test
  void anOsidWithNoImageForTheRequestedTypeFailsBeforeAnythingIsReserved() throws Exception {
    site("");
    site.create("noimage", SiteFixture.ir(new String[] {"a", "pc3000", "Ubuntu-STD", "fatal"}));
    Operation in = site.await(site.ops.swapIn("testbed", "noimage", "alice"));
    assertEquals(Operation.State.FAILED, in.state());
    assertTrue(in.message().contains("OSID Ubuntu-STD has no image for node type pc3000; it runs on: pc850"),
        in.message());
    assertEquals(List.of(), site.reservedNodes());
    String mail = site.mailbox("alice");
    assertTrue(mail.contains("Swap-in of testbed/noimage failed"), mail);
    assertTrue(!mail.contains("failure action"), "no node was mapped: no table of headings alone: " + mail);
  }

  @Test
  void twoExperimentsCompetingForTheLastNodesOneGetsThemTheOtherIsToldNotNow() throws Exception {
    site("");
    String[] a = {"a", "pc850", "FBSD-STD", "fatal"};
    String[] b = {"b", "pc850", "FBSD-STD", "fatal"};
    site.create("red", SiteFixture.ir(a, b));
    site.create("blue", SiteFixture.ir(a, b));
    Operation red = site.ops.swapIn("testbed", "red", "alice");
    Operation blue = site.ops.swapIn("testbed", "blue", "alice");
    red = site.await(red);
    blue = site.await(blue);
    List<Operation> outcomes = List.of(red, blue);
    assertEquals(1, outcomes.stream().filter(o -> o.state() == Operation.State.DONE).count(),
        red.message() + " / " + blue.message());
    Operation loser = red.state() == Operation.State.DONE ? blue : red;
    assertTrue(loser.message().contains("cannot be mapped now"), loser.message());
    String winner = loser == red ? "blue" : "red";
    assertEquals(2, site.heldBy(winner).size());
    assertEquals(List.of(), site.heldBy(loser == red ? "red" : "blue"));
    assertEquals(2, site.reservedNodes().size(), "no node reserved to the loser");
  }

  @Test
  void modifyingAnActiveExperimentKeepsRemainingNodesAndLoadsNewOnes() throws Exception {
    site("");
    site.create("mod", SiteFixture.ir(new String[] {"a", "pc850", "FBSD-STD", "fatal"},
        new String[] {"b", "pc850", "FBSD-STD", "fatal"}));
    assertEquals(Operation.State.DONE, site.await(site.ops.swapIn("testbed", "mod", "alice")).state());
    String aNode = site.nodesOf("mod").get(0).physical();
    String bNode = site.nodesOf("mod").get(1).physical();
    Operation mod = site.await(site.ops.modify("testbed", "mod", "alice", "# new ns",
        SiteFixture.ir(new String[] {"a", "pc850", "FBSD-STD", "fatal"},
            new String[] {"c", "pc3000", "FBSD-STD", "fatal"})));
    assertEquals(Operation.State.DONE, mod.state(), mod.message());
    assertEquals(ExperimentState.ACTIVE, site.experiment("mod").state());
    List<ExperimentNode> nodes = site.nodesOf("mod");
    assertEquals(List.of("a", "c"), nodes.stream().map(ExperimentNode::vname).toList());
    assertEquals(aNode, nodes.get(0).physical());
    assertEquals("pc101", nodes.get(1).physical());
    assertTrue(!site.heldBy("mod").contains(bNode));
    site.awaitReloads();
    assertTrue(!site.reservedNodes().contains(bNode), "the node b had is reloaded and freed");
  }

  @Test
  void aModifyThatCannotBeMappedKeepsTheExperimentRunningOnItsPreviousFile() throws Exception {
    site("");
    String before = SiteFixture.ir(new String[] {"a", "pc850", "FBSD-STD", "fatal"});
    site.create("keep", before);
    assertEquals(Operation.State.DONE, site.await(site.ops.swapIn("testbed", "keep", "alice")).state());
    String aNode = site.nodesOf("keep").get(0).physical();
    Operation mod = site.await(site.ops.modify("testbed", "keep", "alice", "# too big",
        SiteFixture.ir(new String[] {"a", "pc850", "FBSD-STD", "fatal"}, new String[] {"b", "pc3000", "FBSD-STD",
            "fatal"}, new String[] {"c", "pc3000", "FBSD-STD", "fatal"})));
    assertEquals(Operation.State.FAILED, mod.state(), mod.message());
    assertTrue(mod.message().startsWith("modify failed: this experiment cannot be instantiated"), mod.message());
    assertTrue(mod.message().contains("keeps running on its previous NS file"), mod.message());
    assertEquals(ExperimentState.ACTIVE, site.experiment("keep").state());
    assertEquals(before, site.experiment("keep").irJson());
    assertEquals(List.of(aNode), site.nodesOf("keep").stream().map(ExperimentNode::physical).toList());
  }

  @Test
  void aModifyWhoseNewNodeFailsGoesBackToThePreviousFile() throws Exception {
    site("faults:\n  - {node: pc101, boot: never}");
    String before = SiteFixture.ir(new String[] {"a", "pc850", "FBSD-STD", "fatal"});
    site.create("back", before);
    assertEquals(Operation.State.DONE, site.await(site.ops.swapIn("testbed", "back", "alice")).state());
    String aNode = site.nodesOf("back").get(0).physical();
    Operation mod = site.await(site.ops.modify("testbed", "back", "alice", "# new node fails",
        SiteFixture.ir(new String[] {"a", "pc850", "FBSD-STD", "fatal"},
            new String[] {"c", "pc3000", "FBSD-STD", "fatal"})));
    assertEquals(Operation.State.FAILED, mod.state(), mod.message());
    assertTrue(mod.message().contains("keeps running on its previous NS file"), mod.message());
    assertEquals(ExperimentState.ACTIVE, site.experiment("back").state());
    assertEquals(before, site.experiment("back").irJson());
    assertEquals(List.of(aNode), site.heldBy("back"));
  }

  @Test
  void aSecondSwapInBootsADiskThatTheFreePoolReloadLeftHoldingTheImageWithoutLoadingIt() throws Exception {
    site("");
    site.create("again", SiteFixture.ir(new String[] {"a", "pc850", "FBSD-STD", "fatal"}));
    assertEquals(Operation.State.DONE, site.await(site.ops.swapIn("testbed", "again", "alice")).state());
    ExperimentNode first = site.nodesOf("again").get(0);
    assertFalse(first.loadSkipped(), "a disk of unknown contents is loaded");
    assertNull(cleanImageOf(first.physical()), "the experiment booted a writable OS from it");
    assertEquals(Operation.State.DONE, site.await(site.ops.swapOut("testbed", "again", "alice")).state());
    site.awaitReloads();
    assertTrue(cleanImageOf(first.physical()).startsWith("emulab-ops/FBSD-STD@"), cleanImageOf(first.physical()));

    Operation in = site.await(site.ops.swapIn("testbed", "again", "alice"));
    assertEquals(Operation.State.DONE, in.state(), in.message());
    ExperimentNode second = site.nodesOf("again").get(0);
    assertEquals(first.physical(), second.physical(), "the node holding the image is preferred");
    assertTrue(second.loadSkipped(), "the reload left FBSD-STD on the disk, unchanged");
    assertEquals(NodeStatus.UP, second.status());
    assertNull(second.loadMs());
    assertNull(cleanImageOf(second.physical()), "booting it again counts as writing it");
  }

  private String cleanImageOf(String node) {
    return site.db.inTransaction(s -> new org.nsbed.provisioner.catalog.CatalogRepository(s).node(node).orElseThrow()
        .cleanDiskImage());
  }

  @Test
  void aMaximumDurationSchedulesAnAutomaticSwapOutThatAManualSwapOutCancels() throws Exception {
    // The engine's clock a day ahead of the system's: Quartz, on the system's time, leaves the
    // automatic swap-out alone while the test looks at it.
    ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(1)));
    site = SiteFixture.start(home, TESTBED.replace("FAULTS", ""), false, clock);
    site.ops.create("testbed", "timed", "alice", "", "# ns", SiteFixture.ir(
        new String[] {"a", "pc850", "FBSD-STD", "fatal"}), 30, null);
    assertEquals(Operation.State.DONE, site.await(site.ops.swapIn("testbed", "timed", "alice")).state());
    Long id = site.experiment("timed").id();
    List<Operation> pending = site.engine.pending(id, Operation.Kind.SWAPOUT);
    assertEquals(1, pending.size());
    assertEquals(Optional.of(clock.now().plus(Duration.ofMinutes(30))), site.engine.nextFire(pending.get(0).id()),
        "due the maximum duration after the swap-in, on the engine's clock");
    assertEquals(Operation.State.DONE, site.await(site.ops.swapOut("testbed", "timed", "alice")).state());
    assertEquals(List.of(), site.engine.pending(id, Operation.Kind.SWAPOUT));
    assertTrue(site.engine.nextFire(pending.get(0).id()).isEmpty());
  }

  @Test
  void aSecondSwapOnABusyExperimentIsRefused() throws Exception {
    site("");
    site.create("busy", SiteFixture.ir(new String[] {"a", "pc850", "FBSD-STD", "fatal"}));
    Operation in = site.ops.swapIn("testbed", "busy", "alice");
    org.nsbed.provisioner.experiment.lifecycle.LifecycleException e = org.junit.jupiter.api.Assertions.assertThrows(
        org.nsbed.provisioner.experiment.lifecycle.LifecycleException.class,
        () -> site.ops.swapOut("testbed", "busy", "alice"));
    assertTrue(e.getMessage().contains("is busy: swapin running since"), e.getMessage());
    site.await(in);
  }

  @Test
  void aDiskLoadFailureIsFatalEvenForANonfatalNode() throws Exception {
    site("faults:\n  - {node: pc1, load: die-at-50%}");
    site.create("loadfail", SiteFixture.ir(new String[] {"a", "pc850", "FBSD-STD", "nonfatal"}));
    Operation in = site.await(site.ops.swapIn("testbed", "loadfail", "alice"));
    assertEquals(Operation.State.DONE, in.state(), in.message());
    ExperimentNode a = site.nodesOf("loadfail").get(0);
    assertEquals(NodeStatus.UP, a.status(), "retried on a replacement node");
    assertNotEquals("pc1", a.physical());
    String console = site.nodes.readConsole("pc1", 0).text();
    assertTrue(console.contains("frisbee:") && !console.contains("Image load complete"), console);
    boolean logged = site.db.inTransaction(s -> new org.nsbed.provisioner.experiment.lifecycle.ExperimentLifecycle(s)
        .logOf(site.experiment("loadfail").id()).stream()
        .anyMatch(l -> l.line().contains("attempt 1 failed") && l.line().contains("disk load")));
    assertTrue(logged);
  }

  @Test
  void aNonfatalFailureOfAnEarlierAttemptIsStillReportedWhenARetrySucceeds() throws Exception {
    site("faults:\n  - {node: pc1, boot: never}\n  - {node: pc2, boot: never}");
    site.create("mixed", SiteFixture.ir(new String[] {"a", "pc850", "FBSD-STD", "fatal", null},
        new String[] {"b", "pc850", "FBSD-STD", "nonfatal", "pc2"}));
    Operation in = site.await(site.ops.swapIn("testbed", "mixed", "alice"));
    assertEquals(Operation.State.DONE, in.state(), in.message());
    assertEquals(1, in.failedNodes(), in.message());
    assertTrue(in.message().contains("b (pc2)"), in.message());
    List<ExperimentNode> nodes = site.nodesOf("mixed");
    assertEquals(NodeStatus.UP, nodes.get(0).status());
    assertEquals("pc3", nodes.get(0).physical(), "a moved off pc1, the node that failed");
    assertEquals(NodeStatus.FAILED, nodes.get(1).status());
  }
}
