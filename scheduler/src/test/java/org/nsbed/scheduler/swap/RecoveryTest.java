package org.nsbed.scheduler.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nsbed.scheduler.engine.Recovery.SCHEDULING_GRACE;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.ExperimentState;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentLifecycle;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.NodeStatus;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.time.ManualClock;
import org.nsbed.scheduler.engine.Engine;
import org.quartz.JobDataMap;

/**
 * Killing nsbed during a swap-in and starting it again leaves no node reserved to nothing: the
 * job resumes (carrying its nodes forward) or, if it never got scheduled within the grace period
 * (on a manual clock), fails cleanly.
 */
class RecoveryTest {
  @TempDir Path home;
  private SiteFixture site;
  private Process child;

  @AfterEach
  void close() throws Exception {
    if (child != null) {
      child.destroyForcibly().waitFor();
    }
    if (site != null) {
      site.close();
    }
  }

  @Test
  void aSwapInCutShortByAKilledProcessResumesInTheNextOne() throws Exception {
    // MariaDB: two processes share the job store through a database server.
    site = SiteFixture.start(home, SwapInTest.TESTBED.replace("FAULTS", "").replace("0.01}", "0.03}"), true);
    site.engine.close();
    site.create("resume", SiteFixture.ir(new String[] {"a", "pc850", "FBSD-STD", "fatal"},
        new String[] {"b", "pc850", "Ubuntu-STD", "fatal"}));
    child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SwapInProcess.class.getName(),
        home.toString(), site.db.url(), "testbed", "resume")
        .redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
    String line;
    while ((line = out.readLine()) != null && !line.equals("swap-in started")) {
      // start-up output of the child
    }
    assertEquals("swap-in started", line);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (site.nodesOf("resume").stream().noneMatch(n -> n.status() == NodeStatus.LOADING
        || n.status() == NodeStatus.BOOTING)) {
      assertTrue(System.nanoTime() < deadline, "the swap-in never started loading");
      Thread.sleep(20);
    }
    child.destroyForcibly().waitFor();
    List<String> heldAtCrash = site.heldBy("resume");
    assertEquals(2, heldAtCrash.size());

    site = site.restart();
    String opId = site.db.inTransaction(s -> new ExperimentLifecycle(s).run(
        s.find(Experiment.class, site.experiment("resume").id())).operationId());
    Operation op = site.await(opId);
    assertEquals(Operation.State.DONE, op.state(), op.message());
    assertEquals(ExperimentState.ACTIVE, site.experiment("resume").state());
    List<ExperimentNode> nodes = site.nodesOf("resume");
    assertTrue(nodes.stream().allMatch(n -> n.status() == NodeStatus.UP), nodes.toString());
    assertEquals(heldAtCrash, site.heldBy("resume"), "the nodes reserved before the crash are carried forward");
    assertEquals(2, site.reservedNodes().size());
    boolean resumed = site.db.inTransaction(s -> new ExperimentLifecycle(s).logOf(site.experiment("resume").id())
        .stream().anyMatch(l -> l.line().contains("after the process running it stopped")));
    assertTrue(resumed);
  }

  @Test
  void anOperationWhoseJobNeverGotScheduledFailsCleanlyAtTheNextStart() throws Exception {
    site = SiteFixture.start(home, SwapInTest.TESTBED.replace("FAULTS", ""));
    site.create("orphan", SiteFixture.ir(new String[] {"a", "pc850", "FBSD-STD", "fatal"}));
    Operation op = swapInWithoutJob("orphan");
    assertEquals(ExperimentState.ACTIVATING, site.experiment("orphan").state());
    ManualClock clock = new ManualClock(Instant.now());
    site = site.restart(clock);
    assertEquals(List.of(SCHEDULING_GRACE), clock.sleeps(), "the job had its grace period to appear");
    Operation after = site.engine.operation(op.id());
    assertEquals(Operation.State.FAILED, after.state());
    assertEquals(ExperimentState.SWAPPED, site.experiment("orphan").state());
    assertEquals(List.of(), site.reservedNodes());
  }

  @Test
  void anOperationWhoseJobAnotherProcessSchedulesDuringTheGracePeriodIsLeftToItsJob() throws Exception {
    site = SiteFixture.start(home, SwapInTest.TESTBED.replace("FAULTS", ""));
    site.create("late", SiteFixture.ir(new String[] {"a", "pc850", "FBSD-STD", "fatal"}));
    Operation op = swapInWithoutJob("late");
    ManualClock clock = new ManualClock(Instant.now());
    // The job store is shared: another server of the cluster stores the job while this one
    // starts, its grace period running.
    AtomicReference<Engine> starting = new AtomicReference<>();
    clock.whenSleeping(d -> starting.get().schedule(op, SwapInJob.class, new JobDataMap()));
    site = site.restart(clock, starting::set);
    assertEquals(List.of(SCHEDULING_GRACE), clock.sleeps());
    Operation after = site.await(op);
    assertEquals(Operation.State.DONE, after.state(), after.message());
    assertEquals(ExperimentState.ACTIVE, site.experiment("late").state());
  }

  /** A swap-in whose process "dies" right after the state change commits, before the job is persisted. */
  private Operation swapInWithoutJob(String eid) {
    return site.db.inTransaction(s -> new ExperimentLifecycle(s).begin(
        s.find(Experiment.class, site.experiment(eid).id()), Operation.Kind.SWAPIN, "alice"));
  }

  @Test
  void partialImageFilesOfACaptureKilledPartWayAreRemovedAtTheNextStart() throws Exception {
    site = SiteFixture.start(home, SwapInTest.TESTBED.replace("FAULTS", ""));
    java.nio.file.Path images = home.resolve("proj/testbed/images");
    java.nio.file.Files.createDirectories(images);
    java.nio.file.Path partial = java.nio.file.Files.createFile(images.resolve(".MYIMG.ndz12345.part"));
    java.nio.file.Path image = java.nio.file.Files.createFile(images.resolve("MYIMG.ndz"));
    site = site.restart();
    org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(partial));
    org.junit.jupiter.api.Assertions.assertTrue(java.nio.file.Files.exists(image), "complete images stay");
  }
}
