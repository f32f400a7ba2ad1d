package org.nsbed.provisioner.experiment.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nsbed.provisioner.catalog.Project;
import org.nsbed.provisioner.catalog.User;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.provisioner.persistence.TestDatabase;
import org.nsbed.provisioner.persistence.TestDatabase.Backend;

/** Batched writes of experiment node rows store what the entity would, and touch only their columns. */
class ExperimentNodeWritesTest {
  private TestDatabase testDb;
  private Database db;
  private Long experimentId;

  /** An experiment with rows a, b and c, each assigned and with a load time already recorded. */
  private void open(Backend backend) throws Exception {
    testDb = TestDatabase.createUnopened(backend);
    db = Database.open(testDb.url(), LifecycleEntities.ALL);
    experimentId = db.inTransaction(s -> {
      Project p = new Project("testbed");
      User u = new User("alice", false);
      s.persist(p);
      s.persist(u);
      Experiment e = new Experiment(p, "big", u, "# ns", "{}");
      s.persist(e);
      for (String v : List.of("a", "b", "c")) {
        ExperimentNode row = new ExperimentNode(e.id(), v, FailureAction.NONFATAL);
        row.assign("pc-" + v, "pc850", "emulab-ops/FBSD-STD", "emulab-ops/FBSD-STD");
        row.timings(7L, null);
        s.persist(row);
      }
      return e.id();
    });
  }

  @AfterEach
  void close() throws Exception {
    if (db != null) {
      db.close();
    }
    if (testDb != null) {
      testDb.close();
    }
  }

  private ExperimentNode.Key key(String vname) {
    return new ExperimentNode.Key(experimentId, vname);
  }

  private ExperimentNode row(String vname) {
    return db.inTransaction(s -> s.find(ExperimentNode.class, key(vname)));
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void progressSetsStatusBytesReasonAndTimeOfEachRowAndNothingElse(Backend backend) throws Exception {
    open(backend);
    Instant at = Instant.parse("2026-11-30T10:15:30.123456Z");
    Map<ExperimentNode.Key, ExperimentNodeWrites.Progress> progress = new HashMap<>();
    progress.put(key("a"), new ExperimentNodeWrites.Progress(NodeStatus.LOADING, 300, 1000, "ignored unless failed"));
    progress.put(key("b"), new ExperimentNodeWrites.Progress(NodeStatus.FAILED, 0, 0, "x".repeat(2500)));
    db.run(s -> new ExperimentNodeWrites(s).progress(progress, at));

    ExperimentNode a = row("a");
    assertEquals(NodeStatus.LOADING, a.status());
    assertEquals(300, a.bytesDone());
    assertEquals(1000, a.bytesTotal());
    assertNull(a.reason());
    assertEquals(at, a.updated());
    assertEquals(7L, a.loadMs(), "another writer's column stays as it was");
    assertEquals("pc-a", a.physical());
    ExperimentNode b = row("b");
    assertEquals(NodeStatus.FAILED, b.status());
    assertEquals(2000, b.reason().length());
    assertTrue(b.reason().endsWith("..."), "cut to the column, as the entity cuts it");
    assertEquals(NodeStatus.RESERVED, row("c").status(), "a row not written is unchanged");
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void timingsSetLoadAndBootTimesAndNothingElse(Backend backend) throws Exception {
    open(backend);
    Instant before = row("a").updated();
    db.run(s -> new ExperimentNodeWrites(s).timings(Map.of(
        key("a"), new ExperimentNodeWrites.Timings(1200L, 800L),
        key("b"), new ExperimentNodeWrites.Timings(null, null))));

    ExperimentNode a = row("a");
    assertEquals(1200L, a.loadMs());
    assertEquals(800L, a.bootMs());
    assertEquals(NodeStatus.RESERVED, a.status());
    assertEquals(before.truncatedTo(ChronoUnit.MILLIS), a.updated().truncatedTo(ChronoUnit.MILLIS));
    assertNull(row("b").loadMs());
    assertEquals(7L, row("c").loadMs());
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void skipLoadMarksOnlyTheNamedRows(Backend backend) throws Exception {
    open(backend);
    db.run(s -> new ExperimentNodeWrites(s).skipLoad(experimentId, List.of("a", "c")));

    assertTrue(row("a").loadSkipped());
    assertFalse(row("b").loadSkipped());
    assertTrue(row("c").loadSkipped());
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void aRowThatIsGoneIsLeftAloneAndTheOthersAreWritten(Backend backend) throws Exception {
    open(backend);
    db.run(s -> s.remove(s.find(ExperimentNode.class, key("b"))));
    db.run(s -> new ExperimentNodeWrites(s).timings(Map.of(
        key("a"), new ExperimentNodeWrites.Timings(5L, 6L),
        key("b"), new ExperimentNodeWrites.Timings(5L, 6L))));

    assertEquals(6L, row("a").bootMs());
    assertNull(row("b"), "no row is made for a key that has none");
  }
}
