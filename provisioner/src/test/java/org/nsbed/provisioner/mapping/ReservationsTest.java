package org.nsbed.provisioner.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.catalog.Node;
import org.nsbed.provisioner.catalog.Allocation;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.ExperimentRepository;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.FailureAction;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleEntities;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.provisioner.persistence.TestDatabase;
import org.nsbed.provisioner.persistence.TestDatabase.Backend;
import org.nsbed.provisioner.testbed.TestbedFile;
import org.nsbed.provisioner.testbed.TestbedImporter;

/** Mapping and reservation against the catalogue, on both database backends. */
class ReservationsTest {
  @TempDir Path home;
  private TestDatabase testDb;
  private Database db;

  private Database open(Backend backend) throws Exception {
    try (var small = ReservationsTest.class.getResourceAsStream("small-testbed.yaml")) {
      return open(backend, new String(small.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private Database open(Backend backend, String testbedYaml) throws Exception {
    testDb = TestDatabase.createUnopened(backend);
    db = Database.open(testDb.url(), LifecycleEntities.ALL);
    Path yaml = home.resolve("testbed.yaml");
    Files.writeString(yaml, testbedYaml);
    new TestbedImporter(db, home).importFile(TestbedFile.load(yaml), "alice");
    return db;
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

  private static String node(String name, String type, String os, String action, String fixed) {
    return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"os\":" + (os == null ? "null" : "\"" + os + "\"")
        + ",\"failureAction\":\"" + action + "\",\"fixed\":" + (fixed == null ? "null" : "\"" + fixed + "\"") + "}";
  }

  private Long experiment(String eid, String... nodes) {
    return experimentWithVtypes(eid, "", nodes);
  }

  private Long experimentWithVtypes(String eid, String vtypes, String... nodes) {
    String ir = "{\"format\":\"nsbed-ir/1\",\"nodes\":[" + String.join(",", nodes) + "],\"vtypes\":[" + vtypes
        + "]}";
    return db.inTransaction(s -> {
      CatalogRepository c = new CatalogRepository(s);
      Experiment e = new Experiment(c.project("testbed").orElseThrow(), eid, c.user("alice").orElseThrow(),
          "# ns", ir);
      return new ExperimentRepository(s).add(e).id();
    });
  }

  private List<Reservations.Assignment> reserve(Long id, Set<String> excluded) throws MappingFailure {
    return db.inTransaction(s -> {
      Experiment e = s.find(Experiment.class, id);
      try {
        return new Reservations(s, home).reserve(e, ExperimentTopology.fromIrJson(e.irJson()), excluded);
      } catch (MappingFailure f) {
        throw new IllegalStateException(f);
      }
    });
  }

  private MappingFailure failure(Long id) {
    IllegalStateException wrapped = assertThrows(IllegalStateException.class, () -> reserve(id, Set.of()));
    return (MappingFailure) wrapped.getCause();
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void reservesFittingNodesAndRecordsWhatEachVirtualNodeGets(Backend backend) throws Exception {
    open(backend);
    Long id = experiment("two", node("a", "pc850", "FBSD-STD", "fatal", null),
        node("b", "pc", "CentOS7-STD", "nonfatal", null));
    List<Reservations.Assignment> got = reserve(id, Set.of());
    assertEquals("pc1", got.get(0).physical());
    assertEquals("emulab-ops/FBSD-STD", got.get(0).image().image().qualifiedName());
    assertEquals(FailureAction.NONFATAL, got.get(1).failureAction());
    assertTrue(got.stream().allMatch(Reservations.Assignment::newlyReserved));
    db.run(s -> {
      Node pc1 = new CatalogRepository(s).node("pc1").orElseThrow();
      assertEquals(Allocation.RESERVED, pc1.state());
      assertEquals("a", pc1.vname());
      List<ExperimentNode> rows = new Reservations(s, home).experimentNodes(id);
      assertEquals(2, rows.size());
      assertEquals("emulab-ops/CentOS7-STD", rows.get(1).osid());
    });
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void anOsidWithNoImageForTheRequestedTypeCanNeverBeMapped(Backend backend) throws Exception {
    open(backend);
    Long id = experiment("remote", node("a", "bpc2133", "CentOS7-STD", "fatal", null));
    MappingFailure f = failure(id);
    assertEquals(MappingFailure.Kind.NEVER, f.kind());
    assertTrue(f.getMessage().contains("OSID CentOS7-STD has no image for node type bpc2133; it runs on: "),
        f.getMessage());
    db.run(s -> assertEquals(Allocation.FREE, new CatalogRepository(s).node("bpc181").orElseThrow().state()));
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void nodesHeldByAnotherExperimentMeanNotNowAndNothingIsReserved(Backend backend) throws Exception {
    open(backend);
    Long first = experiment("first", node("a", "pc850", null, "fatal", null), node("b", "pc850", null, "fatal", null));
    reserve(first, Set.of());
    Long second = experiment("second", node("x", "pc3000", null, "fatal", null),
        node("y", "pc850", null, "fatal", null), node("z", "pc850", null, "fatal", null));
    MappingFailure f = failure(second);
    assertEquals(MappingFailure.Kind.NOT_NOW, f.kind());
    db.run(s -> {
      Experiment e = s.find(Experiment.class, second);
      assertEquals(List.of(), new ExperimentRepository(s).nodesOf(e), "all or nothing");
    });
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void aRetryKeepsHealthyNodesAndNeverTakesTheExcludedOne(Backend backend) throws Exception {
    open(backend);
    Long id = experiment("retry", node("a", "pc850", null, "fatal", null), node("b", "pc850", null, "fatal", null));
    List<Reservations.Assignment> first = reserve(id, Set.of());
    String failed = first.get(1).physical();
    db.run(s -> new Reservations(s, home).release(s.find(Experiment.class, id), List.of(failed)));
    List<Reservations.Assignment> second = reserve(id, Set.of(failed));
    assertEquals(first.get(0).physical(), second.get(0).physical());
    assertTrue(!second.get(0).newlyReserved());
    assertNotEquals(failed, second.get(1).physical());
    assertTrue(second.get(1).newlyReserved());
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void releaseAllFreesEveryNode(Backend backend) throws Exception {
    open(backend);
    Long id = experiment("rel", node("a", "pc850", null, "fatal", "pc2"));
    assertEquals("pc2", reserve(id, Set.of()).get(0).physical());
    List<String> released = db.inTransaction(s -> new Reservations(s, home).releaseAll(s.find(Experiment.class, id)));
    assertEquals(List.of("pc2"), released);
    db.run(s -> assertEquals(Allocation.FREE, new CatalogRepository(s).node("pc2").orElseThrow().state()));
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void aVtypeMapsOntoAnyOfItsTypes(Backend backend) throws Exception {
    open(backend);
    Long id = experimentWithVtypes("vt", "{\"name\":\"fast\",\"weight\":0.5,\"types\":[\"pc3000\",\"bpc2133\"]}",
        node("a", "fast", "CentOS7-STD", "fatal", null), node("b", "fast", "CentOS7-STD", "fatal", null));
    List<Reservations.Assignment> got = reserve(id, Set.of());
    assertEquals(List.of("pc101", "pc102"), got.stream().map(Reservations.Assignment::physical).toList(),
        "CentOS7-STD has no image for bpc2133, so only the pc3000 nodes fit");
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void aRemoteTypeIsTakenWhenAskedForAndTheOutcomeSaysSo(Backend backend) throws Exception {
    open(backend);
    Reservations.Assignment got = reserve(experiment("far", node("a", "bpc2133", null, "fatal", null)), Set.of()).get(0);
    assertEquals("bpc181", got.physical());
    assertEquals("a is on remote node bpc181 (its type bpc2133 is remote)", got.remoteNote());
    Reservations.Assignment local = reserve(experiment("near", node("a", "pc850", null, "fatal", null)), Set.of()).get(0);
    assertEquals(null, local.remoteNote());
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void aNodeJustReleasedIsTakenAfterTheNodesIdleLonger(Backend backend) throws Exception {
    open(backend);
    Long first = experiment("first", node("a", "pc850", null, "fatal", null));
    assertEquals("pc1", reserve(first, Set.of()).get(0).physical());
    db.run(s -> new Reservations(s, home).releaseAll(s.find(Experiment.class, first)));
    Long second = experiment("second", node("a", "pc850", null, "fatal", null));
    assertEquals("pc2", reserve(second, Set.of()).get(0).physical());
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void aNodeThatAModifyTakesFromARemovedVirtualNodeIsNotHandedToANewOneWithoutItsReload(Backend backend)
      throws Exception {
    open(backend);
    Long id = experiment("mod", node("a", "pc850", null, "fatal", "pc1"), node("b", "pc850", null, "fatal", "pc2"));
    reserve(id, Set.of());
    db.run(s -> new CatalogRepository(s).node("pc3").orElseThrow().setDown("disk errors"));
    db.run(s -> s.find(Experiment.class, id).setNsFile("# ns", "{\"format\":\"nsbed-ir/1\",\"nodes\":["
        + node("a", "pc850", null, "fatal", "pc1") + "," + node("c", "pc850", null, "fatal", null) + "],\"vtypes\":[]}"));
    MappingFailure f = failure(id);
    assertEquals(MappingFailure.Kind.NOT_NOW, f.kind(), f.getMessage());
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void reservingHundredsOfNodesTakesAFewStatementsNotOnePerNode(Backend backend) throws Exception {
    int count = 300;
    open(backend, """
        projects: [emulab-ops, testbed]
        users:
          - {name: alice, projects: {testbed: leader}}
        nodeTypes:
          - {name: pc850, class: pc, defaultOs: FBSD-STD}
        nodes:
          - {names: "pc[1-310]", type: pc850}
        osids:
          - {name: FBSD-STD, project: emulab-ops, os: FreeBSD, version: "10.3", shared: true}
          - {name: CentOS7-STD, project: emulab-ops, os: Linux, version: "7", shared: true}
        images:
          - {name: FBSD-STD, project: emulab-ops, global: true, loadPartition: 0, partitions: {1: FBSD-STD},
             nodeTypes: [pc850]}
          - {name: CentOS7-STD, project: emulab-ops, global: true, loadPartition: 0, partitions: {1: CentOS7-STD},
             nodeTypes: [pc850]}
        """);
    Long id = experiment("big", IntStream.range(0, count)
        .mapToObj(i -> node("n" + i, "pc850", i % 2 == 0 ? "FBSD-STD" : "CentOS7-STD", "fatal", null))
        .toArray(String[]::new));
    Statistics statistics = db.sessionFactory().getStatistics();
    statistics.setStatisticsEnabled(true);
    statistics.clear();

    List<Reservations.Assignment> got = reserve(id, Set.of());

    long statements = statistics.getPrepareStatementCount();
    assertTrue(statements < 30, "reserving " + count + " nodes took " + statements + " statements");
    assertEquals(count, got.stream().map(Reservations.Assignment::physical).distinct().count());
    statistics.clear();
    db.run(s -> {
      List<Node> reserved = new CatalogRepository(s).nodes().stream().filter(n -> n.experiment() != null).toList();
      assertEquals(count, reserved.size());
      assertTrue(reserved.stream().allMatch(n -> n.experiment().id().equals(id) && n.state() == Allocation.RESERVED));
    });
    assertTrue(statistics.getPrepareStatementCount() < 10,
        "reading every node took " + statistics.getPrepareStatementCount() + " statements");
    db.run(s -> {
      List<ExperimentNode> rows = new Reservations(s, home).experimentNodes(id);
      assertEquals(count, rows.size());
      ExperimentNode n1 = rows.stream().filter(r -> r.vname().equals("n1")).findFirst().orElseThrow();
      assertEquals(got.get(1).physical(), n1.physical());
      assertEquals("emulab-ops/CentOS7-STD", n1.osid());
      assertEquals("emulab-ops/CentOS7-STD", n1.image());
      assertEquals(FailureAction.FATAL, n1.failureAction());
    });
  }
}
