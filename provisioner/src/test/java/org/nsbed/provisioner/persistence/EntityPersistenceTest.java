package org.nsbed.provisioner.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.catalog.ImageId;
import org.nsbed.provisioner.catalog.Node;
import org.nsbed.provisioner.catalog.Allocation;
import org.nsbed.provisioner.catalog.NodeType;
import org.nsbed.provisioner.catalog.Osid;
import org.nsbed.provisioner.catalog.Project;
import org.nsbed.provisioner.catalog.Role;
import org.nsbed.provisioner.catalog.User;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.ExperimentRepository;
import org.nsbed.provisioner.experiment.ExperimentState;
import org.nsbed.provisioner.persistence.TestDatabase.Backend;

/** Every entity survives a round trip through each backend, and constraints hold. */
class EntityPersistenceTest {

  static void seed(Database db) {
    db.run(s -> {
      CatalogRepository c = new CatalogRepository(s);
      Project ops = c.add(new Project("emulab-ops"));
      Project tb = c.add(new Project("testbed"));
      User alice = c.add(new User("alice", false));
      alice.setRole(tb, Role.LEADER);
      Osid fbsd = c.add(new Osid(ops, "FBSD-STD", "FreeBSD"));
      fbsd.setVersion("4.7");
      fbsd.setShared(true);
      fbsd.setFeatures(List.of("ping", "ssh"));
      fbsd.setRebootWaitSeconds(120);
      Osid jail = c.add(new Osid(ops, "FBSD-JAIL", "FreeBSD"));
      jail.setVersion("4.7");
      jail.parents().add(fbsd);
      NodeType pc850 = c.add(new NodeType("pc850", "pc"));
      pc850.setDefaultOs(fbsd);
      pc850.setInterfaces(4);
      NodeType pc3000 = c.add(new NodeType("pc3000", "pc"));
      pc3000.allowedProjects().add(tb);
      c.add(new Node("pc1", pc850));
      c.add(new Node("pc2", pc3000));
      ImageId image = c.add(new ImageId(ops, "FBSD-STD", "/proj/emulab-ops/images/FBSD-STD.ndz"));
      image.partitions().put(1, fbsd);
      image.setDefaultOs(fbsd);
      image.nodeTypes().add(pc850);
      image.setGlobal(true);
      s.flush();
      c.refreshProvides(image);
    });
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void catalogEntitiesRoundTrip(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      seed(t.db());
      Database db = t.reopen();
      db.run(s -> {
        CatalogRepository c = new CatalogRepository(s);
        assertEquals(List.of("emulab-ops", "testbed"), c.projects().stream().map(Project::pid).toList());
        User alice = c.user("alice").orElseThrow();
        assertEquals(Role.LEADER, alice.roleIn("testbed").orElseThrow());
        assertFalse(alice.mayActIn("emulab-ops"));
        Osid fbsd = c.osid("emulab-ops", "FBSD-STD").orElseThrow();
        assertEquals("4.7", fbsd.version());
        assertEquals(List.of("ping", "ssh"), fbsd.features());
        assertTrue(fbsd.shared());
        assertEquals(Set.of(fbsd), c.osid("emulab-ops", "FBSD-JAIL").orElseThrow().parents());
        NodeType pc850 = c.nodeType("pc850").orElseThrow();
        assertEquals(fbsd, pc850.defaultOs());
        assertTrue(c.nodeType("pc3000").orElseThrow().permits("testbed"));
        assertFalse(c.nodeType("pc3000").orElseThrow().permits("otherproj"));
        assertEquals(List.of("pc1", "pc2"), c.nodes().stream().map(Node::name).toList());
        ImageId image = c.image("emulab-ops", "FBSD-STD").orElseThrow();
        assertEquals(Map.of(1, fbsd), image.partitions());
        assertEquals(Set.of(pc850), image.nodeTypes());
        assertTrue(image.wholeDisk());
        assertEquals(image, c.osidImage(fbsd, pc850).orElseThrow().image());
        assertTrue(c.osidImage(fbsd, c.nodeType("pc3000").orElseThrow()).isEmpty());
      });
    }
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void experimentKeepsItsNsFileAndIr(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      seed(t.db());
      String bigNs = "set ns [new Simulator]\n".repeat(20_000);
      t.db().run(s -> {
        CatalogRepository c = new CatalogRepository(s);
        Experiment e = new Experiment(c.project("testbed").orElseThrow(), "exp1", c.user("alice").orElseThrow(),
            bigNs, "{\"format\":\"nsbed-ir/1\"}");
        e.setMaxDurationMinutes(120);
        new ExperimentRepository(s).add(e);
        e.setState(ExperimentState.SWAPPED);
      });
      t.reopen().run(s -> {
        Experiment e = new ExperimentRepository(s).find("testbed", "exp1").orElseThrow();
        assertEquals(bigNs, e.nsFile());
        assertEquals("{\"format\":\"nsbed-ir/1\"}", e.irJson());
        assertEquals(ExperimentState.SWAPPED, e.state());
        assertEquals(120, e.maxDurationMinutes());
        assertEquals("alice", e.creator().name());
      });
    }
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void nodeReservationRoundTrips(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      seed(t.db());
      t.db().run(s -> {
        CatalogRepository c = new CatalogRepository(s);
        Experiment e = new ExperimentRepository(s).add(new Experiment(c.project("testbed").orElseThrow(), "exp1",
            c.user("alice").orElseThrow(), "", "{}"));
        c.node("pc1").orElseThrow().reserve(e, "nodeA");
      });
      t.reopen().run(s -> {
        CatalogRepository c = new CatalogRepository(s);
        Node pc1 = c.node("pc1").orElseThrow();
        assertEquals(Allocation.RESERVED, pc1.state());
        assertEquals("nodeA", pc1.vname());
        assertEquals("testbed/exp1", pc1.experiment().qualifiedName());
        assertEquals(List.of("pc2"), c.freeNodes().stream().map(Node::name).toList());
        pc1.release();
      });
      t.db().run(s -> {
        Node pc1 = new CatalogRepository(s).node("pc1").orElseThrow();
        assertEquals(Allocation.FREE, pc1.state());
        assertNull(pc1.experiment());
      });
    }
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void duplicateOsidNameInAProjectIsRefused(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      seed(t.db());
      assertThrows(RuntimeException.class, () -> t.db().run(s -> {
        CatalogRepository c = new CatalogRepository(s);
        c.add(new Osid(c.project("emulab-ops").orElseThrow(), "FBSD-STD", "FreeBSD"));
      }));
      t.db().run(s -> assertEquals(2, new CatalogRepository(s).osids().size()));
    }
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void failedTransactionChangesNothing(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      seed(t.db());
      assertThrows(IllegalStateException.class, () -> t.db().run(s -> {
        CatalogRepository c = new CatalogRepository(s);
        c.add(new Project("otherproj"));
        c.node("pc1").orElseThrow().setDown(true);
        s.flush();
        throw new IllegalStateException("second half failed");
      }));
      t.db().run(s -> {
        CatalogRepository c = new CatalogRepository(s);
        assertTrue(c.project("otherproj").isEmpty());
        assertEquals(Allocation.FREE, c.node("pc1").orElseThrow().state());
      });
    }
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void visibleOsidsAreSharedOrOwn(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      seed(t.db());
      t.db().run(s -> {
        CatalogRepository c = new CatalogRepository(s);
        c.add(new Osid(c.project("testbed").orElseThrow(), "MYOS", "Other")).setVersion("1");
      });
      t.db().run(s -> {
        CatalogRepository c = new CatalogRepository(s);
        assertEquals(Set.of("emulab-ops/FBSD-STD", "testbed/MYOS"),
            c.osidsVisibleTo("testbed").stream().map(Osid::qualifiedName).collect(Collectors.toSet()));
        assertEquals(Set.of("emulab-ops/FBSD-STD"),
            c.osidsVisibleTo("otherproj").stream().map(Osid::qualifiedName).collect(Collectors.toSet()));
      });
    }
  }
}
