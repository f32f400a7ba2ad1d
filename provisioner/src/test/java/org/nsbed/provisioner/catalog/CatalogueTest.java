package org.nsbed.provisioner.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nsbed.provisioner.access.Credentials;
import org.nsbed.provisioner.persistence.TestDatabase;
import org.nsbed.provisioner.persistence.TestDatabase.Backend;
import org.nsbed.provisioner.testbed.TestbedFile;
import org.nsbed.provisioner.testbed.TestbedFileTest;
import org.nsbed.provisioner.testbed.TestbedImporter;

/** The catalogue's listings ({@code node list}, {@code user list}, {@code testbed show}) on both databases. */
class CatalogueTest {

  private static Catalogue catalogue(TestDatabase t) throws Exception {
    String conformance = Files.readString(Path.of(TestbedFileTest.class.getResource("/conformance-testbed.yaml")
        .toURI()));
    TestbedFile file = TestbedFile.parse(conformance + """
        users:
          - {name: root, admin: true}
          - {name: alice, projects: {testbed: user, otherproj: leader}}
        """, "users.yaml");
    new TestbedImporter(t.db(), Files.createTempDirectory("nsbed-home-")).importFile(file, "root");
    return new Catalogue(t.db());
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void nodesAreListedInNumericOrderWithTheirStateAndReason(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      Catalogue catalogue = catalogue(t);
      new NodeAvailability(t.db()).down("root", List.of("pc10"), "fan broken");
      List<NodeListing> nodes = catalogue.nodes();
      assertEquals(List.of("pc1", "pc2", "pc3", "pc4", "pc5", "pc6", "pc7", "pc8", "pc9", "pc10"),
          nodes.stream().map(NodeListing::name).toList());
      assertEquals(new NodeListing("pc10", "pc850", Allocation.DOWN, null, null, null, "fan broken"), nodes.get(9));
      assertEquals(new NodeListing("pc1", "pc850", Allocation.FREE, null, null, null, null), nodes.get(0));
    }
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void usersAreListedWithTheirRolesAndWhetherTheyHaveAPassword(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      Catalogue catalogue = catalogue(t);
      new Credentials(t.db()).setPassword("alice", "correct horse");
      List<UserListing> users = catalogue.users();
      assertEquals(List.of("alice", "root"), users.stream().map(UserListing::name).toList());
      assertEquals(Map.of("testbed", "user", "otherproj", "leader"), users.get(0).projects());
      assertEquals(List.of(true, false), users.stream().map(UserListing::password).toList());
      assertEquals(List.of(false, true), users.stream().map(UserListing::admin).toList());
    }
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void theOverviewCountsNodesByTypeAndState(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      Catalogue catalogue = catalogue(t);
      new NodeAvailability(t.db()).down("root", List.of("pc3", "pc4"), "disk errors");
      Catalogue.Overview overview = catalogue.overview();
      assertEquals(List.of("emulab-ops", "otherproj", "testbed"), overview.projects());
      assertEquals(catalogue.projects(), overview.projects());
      assertEquals(Map.of("free", 8L, "reserved", 0L, "down", 2L), overview.nodes());
      assertEquals(List.of("free", "reserved", "down"), List.copyOf(overview.nodes().keySet()));
      assertEquals(13, overview.nodeTypes().size());
      assertEquals(catalogue.nodeTypes(), overview.nodeTypes().stream().map(Catalogue.NodeTypeSummary::name).toList());
      Catalogue.NodeTypeSummary pc850 = overview.nodeTypes().stream().filter(n -> n.name().equals("pc850"))
          .findFirst().orElseThrow();
      assertEquals(List.of(10L, 8L, "FBSD-STD"), List.of(pc850.nodes(), pc850.free(), pc850.defaultOs()));
      Catalogue.NodeTypeSummary pc3000 = overview.nodeTypes().stream().filter(n -> n.name().equals("pc3000"))
          .findFirst().orElseThrow();
      assertEquals(List.of("otherproj"), pc3000.allowedProjects());
      assertEquals(0L, pc3000.nodes());
      assertEquals(List.of("testbed/MYOS"), overview.images().stream().filter(i -> i.startsWith("testbed/")).toList());
      assertEquals(9, overview.osids().size());
    }
  }
}
