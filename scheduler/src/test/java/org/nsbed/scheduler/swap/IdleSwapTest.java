package org.nsbed.scheduler.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.ExperimentState;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentLifecycle;
import org.nsbed.provisioner.experiment.lifecycle.Operation;

/**
 * Idle swap-out ({@code startexp -l MIN}) on the simulated testbed, with the sweep run at chosen
 * instants: nothing happens before MIN idle minutes, then one warning, then the swap-out after the
 * grace period; activity after the warning calls it off.
 */
class IdleSwapTest {
  @TempDir Path home;
  private SiteFixture site;

  @AfterEach
  void close() throws Exception {
    if (site != null) {
      site.close();
    }
  }

  /** Swaps in a one-node experiment with idle swap after {@code minutes}; returns when it was last active. */
  private Instant activeWithIdleSwap(String eid, Integer minutes) throws Exception {
    site = SiteFixture.start(home, SwapInTest.TESTBED.replace("FAULTS", ""));
    site.ops().create("testbed", eid, "alice", "", "# ns file",
        SiteFixture.ir(new String[] {"a", "pc850", "FBSD-STD", "fatal"}), null, minutes);
    Operation in = site.await(site.ops().swapIn("testbed", eid, "alice"));
    assertEquals(Operation.State.DONE, in.state(), in.message());
    Experiment e = site.experiment(eid);
    Instant console = site.nodes().lastActivity(site.heldBy(eid).get(0)).orElseThrow();
    return console.isAfter(e.swappedIn()) ? console : e.swappedIn();
  }

  private int warnings() throws Exception {
    String mail = site.mailbox("alice");
    return mail.split("\nSubject: Experiment testbed/[a-z]+ is idle and will be swapped out\n", -1).length - 1;
  }

  private List<String> log(String eid) {
    Long id = site.experiment(eid).id();
    return site.db().inTransaction(s -> new ExperimentLifecycle(s).logOf(id)).stream().map(l -> l.line()).toList();
  }

  @Test
  void anIdleExperimentIsWarnedOnceThenSwappedOutAfterTheGracePeriod() throws Exception {
    Instant last = activeWithIdleSwap("idle", 10);
    IdleSwap idle = new IdleSwap(site.engine());
    Map<Long, Instant> warned = new HashMap<>();

    assertEquals(List.of(), idle.sweep(last.plus(Duration.ofMinutes(10)).minusSeconds(1), warned));
    assertEquals(0, warnings());

    Instant warnedAt = last.plus(Duration.ofMinutes(10));
    assertEquals(List.of(), idle.sweep(warnedAt, warned));
    assertEquals(1, warnings(), site.mailbox("alice"));
    assertEquals(ExperimentState.ACTIVE, site.experiment("idle").state());

    Duration grace = IdleSwap.grace(10);
    assertEquals(Duration.ofMinutes(1), grace);
    assertEquals(List.of(), idle.sweep(warnedAt.plus(grace).minusSeconds(1), warned));
    assertEquals(1, warnings(), "no second warning");

    List<Operation> out = idle.sweep(warnedAt.plus(grace), warned);
    assertEquals(1, out.size());
    Operation done = site.await(out.get(0));
    assertEquals(Operation.State.DONE, done.state(), done.message());
    assertEquals(ExperimentState.SWAPPED, site.experiment("idle").state());
    assertTrue(site.mailbox("alice").contains("Subject: Swap-out of testbed/idle finished"), site.mailbox("alice"));
    assertTrue(log("idle").stream().anyMatch(l -> l.contains("idle for 11 min (idle-swap setting 10 min): swap-out")),
        log("idle").toString());
    assertEquals(Map.of(), warned);
  }

  @Test
  void activityAfterTheWarningCallsTheSwapOutOff() throws Exception {
    Instant last = activeWithIdleSwap("busy", 10);
    IdleSwap idle = new IdleSwap(site.engine());
    Map<Long, Instant> warned = new HashMap<>();
    Instant warnedAt = last.plus(Duration.ofMinutes(10));
    idle.sweep(warnedAt, warned);
    assertEquals(1, warnings());

    // The node prints on its console half a minute after the warning.
    Path console = home.resolve("consoles").resolve(site.heldBy("busy").get(0) + ".log");
    Files.setLastModifiedTime(console, FileTime.from(warnedAt.plusSeconds(30)));

    assertEquals(List.of(), idle.sweep(warnedAt.plus(IdleSwap.grace(10)), warned));
    assertEquals(ExperimentState.ACTIVE, site.experiment("busy").state());
    assertEquals(Map.of(), warned);
    assertTrue(log("busy").stream().anyMatch(l -> l.contains("the idle swap-out is called off")), log("busy").toString());
    // Idle again for the whole time: a new warning, not a swap-out.
    idle.sweep(warnedAt.plusSeconds(30).plus(Duration.ofMinutes(10)), warned);
    assertEquals(2, warnings());
    assertEquals(ExperimentState.ACTIVE, site.experiment("busy").state());
  }

  @Test
  void anExperimentWithoutTheSettingIsNeverSwappedOutForIdleness() throws Exception {
    Instant last = activeWithIdleSwap("always", null);
    Map<Long, Instant> warned = new HashMap<>();
    assertEquals(List.of(), new IdleSwap(site.engine()).sweep(last.plus(Duration.ofDays(30)), warned));
    assertEquals(0, warnings());
    assertEquals(ExperimentState.ACTIVE, site.experiment("always").state());
  }
}
