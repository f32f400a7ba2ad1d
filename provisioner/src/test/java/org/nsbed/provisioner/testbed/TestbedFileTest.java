package org.nsbed.provisioner.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.provisioner.testbed.TestbedFile.BootFault;
import org.nsbed.provisioner.testbed.TestbedFile.Role;

public class TestbedFileTest {

  static final String MINIMAL = """
      projects: [emulab-ops, testbed]
      nodeTypes:
        - {name: pc850, class: pc, defaultOs: FBSD-STD}
      nodes:
        - {names: "pc[1-3]", type: pc850}
      osids:
        - {name: FBSD-STD, project: emulab-ops, os: FreeBSD, version: "4.7", shared: true}
      images:
        - {name: FBSD-STD, project: emulab-ops, global: true, nodeTypes: [pc850]}
      """;

  public static TestbedFile conformance() throws Exception {
    return TestbedFile.load(Path.of(TestbedFileTest.class.getResource("/conformance-testbed.yaml").toURI()));
  }

  static TestbedFileException rejected(String yaml) {
    return assertThrows(TestbedFileException.class, () -> TestbedFile.parse(yaml, "bad.yaml"));
  }

  @Test
  void readsTheConformanceTestbedCompletely() throws Exception {
    TestbedFile f = conformance();
    assertEquals(List.of("emulab-ops", "testbed", "otherproj"), f.projects());
    assertEquals(13, f.nodeTypes().size());
    assertEquals(10, f.nodes().size());
    assertEquals("pc1", f.nodes().get(0).name());
    assertEquals("pc10", f.nodes().get(9).name());
    assertEquals(9, f.osids().size());
    assertEquals(3, f.images().size());
    assertEquals(List.of("otherproj"), f.nodeType("pc3000").orElseThrow().allowedProjects());
    assertEquals(Map.of(2, "RHL-STD"), f.images().get(1).partitions());
  }

  @Test
  void fillsDocumentedDefaults() {
    TestbedFile f = TestbedFile.parse(MINIMAL, "min.yaml");
    TestbedFile.Image image = f.images().get(0);
    assertEquals("/proj/emulab-ops/images/FBSD-STD.ndz", image.path());
    assertEquals(0, image.loadPartition());
    assertEquals(Map.of(1, "FBSD-STD"), image.partitions());
    assertEquals("FBSD-STD", image.defaultOs());
    TestbedFile.Osid osid = f.osids().get(0);
    assertEquals(120, osid.rebootWaitSeconds());
    assertEquals("NORMALv2", osid.opMode());
    assertEquals(0.01, f.simulation().timeScale());
    assertEquals(4, f.nodeTypes().get(0).interfaces());
    assertEquals(new TestbedFile.Loader("lo", 0), f.loader());
  }

  @Test
  void theLoaderSectionNamesTheInterfaceAndTtlImagesTravelWith() {
    TestbedFile f = TestbedFile.parse(MINIMAL + "loader: {iface: eth1, ttl: 1}\n", "net.yaml");
    assertEquals(new TestbedFile.Loader("eth1", 1), f.loader());
  }

  @Test
  void aLoaderTtlAbove255IsAnErrorAtItsLine() {
    TestbedFileException e = rejected(MINIMAL + "loader:\n  iface: eth1\n  ttl: 300\n");
    assertTrue(e.getMessage().contains("ttl"), e.getMessage());
    assertTrue(e.getMessage().matches("(?s).*:" + (MINIMAL.lines().count() + 3) + ":.*"), e.getMessage());
  }

  @Test
  void anUnknownLoaderKeyIsAnError() {
    TestbedFileException e = rejected(MINIMAL + "loader: {iface: eth1, hops: 2}\n");
    assertTrue(e.getMessage().contains("hops"), e.getMessage());
  }

  @Test
  void withoutUsersTheInvokingUserIsAdminOfEveryProject() {
    TestbedFile f = TestbedFile.parse(MINIMAL, "min.yaml");
    List<TestbedFile.User> users = f.usersOr("carol");
    assertEquals(1, users.size());
    assertTrue(users.get(0).admin());
    assertEquals(Map.of("emulab-ops", Role.ADMIN, "testbed", Role.ADMIN), users.get(0).projects());
  }

  @Test
  void readsUsersFaultsAndSimulation() {
    TestbedFile f = TestbedFile.parse(MINIMAL + """
        users:
          - {name: alice, projects: {testbed: leader}}
          - {name: root, admin: true}
        faults:
          - {node: pc2, boot: never}
          - {node: pc3, load: die-at-50%, loss: 0.05}
        simulation: {timeScale: 1.0}
        """, "full.yaml");
    assertEquals(Map.of("testbed", Role.LEADER), f.users().get(0).projects());
    assertTrue(f.users().get(1).admin());
    assertEquals(BootFault.NEVER, f.faults().get(0).boot().orElseThrow());
    assertEquals(50, f.faults().get(1).loadDiesAtPercent().getAsInt());
    assertEquals(0.05, f.faults().get(1).loss());
    assertEquals(1.0, f.simulation().timeScale());
  }

  @Test
  void zeroPaddedRangesKeepTheirWidth() {
    TestbedFile f = TestbedFile.parse(MINIMAL.replace("pc[1-3]", "pc[08-10]"), "pad.yaml");
    assertEquals(List.of("pc08", "pc09", "pc10"), f.nodes().stream().map(TestbedFile.Node::name).toList());
  }

  @Test
  void nodesMayNameTheNodeHostTheyLiveOn() {
    TestbedFile f = TestbedFile.parse(MINIMAL.replace("type: pc850}", "type: pc850, host: host1}"), "hosts.yaml");
    assertEquals(List.of("pc1", "pc2", "pc3"), f.nodesOnHost("host1").stream().map(TestbedFile.Node::name).toList());
    assertEquals(List.of(), f.nodesOnHost("host2"));
    assertEquals(java.util.Optional.empty(), TestbedFile.parse(MINIMAL, "min.yaml").nodes().get(0).host());
  }

  @Test
  void aNodeHostNameThatIsNotANameIsAnError() {
    TestbedFileException e = rejected(MINIMAL.replace("type: pc850}", "type: pc850, host: \"a b\"}"));
    assertTrue(e.getMessage().contains("field 'host': node host name 'a b' is not valid"), e.getMessage());
  }

  @Test
  void aNodeTypeIsSimulatedUnlessItNamesTheQemuDriver() {
    TestbedFile f = TestbedFile.parse(MINIMAL.replace("class: pc,",
        "class: pc, driver: qemu, qemu: {memoryMiB: 256, accel: tcg},"), "vm.yaml");
    TestbedFile.NodeType vm = f.nodeType("pc850").orElseThrow();
    assertEquals(TestbedFile.QEMU, vm.driver());
    assertEquals(new TestbedFile.Qemu(256, "tcg", 64), vm.qemu());
    assertEquals(TestbedFile.SIMULATED, TestbedFile.parse(MINIMAL, "min.yaml").nodeTypes().get(0).driver());
  }

  @Test
  void qemuSettingsOnASimulatedNodeTypeAreAnError() {
    TestbedFileException e = rejected(MINIMAL.replace("class: pc,", "class: pc, qemu: {memoryMiB: 256},"));
    assertTrue(e.getMessage().startsWith("bad.yaml:3: nodeTypes[0] 'pc850': field 'qemu': only a node type with "
        + "'driver: qemu'"), e.getMessage());
  }

  @Test
  void anUnknownAcceleratorNamesTheField() {
    TestbedFileException e = rejected(MINIMAL.replace("class: pc,", "class: pc, driver: qemu, qemu: {accel: hvf},"));
    assertTrue(e.getMessage().contains("field 'accel': 'hvf' is not one of auto, kvm, tcg"), e.getMessage());
  }

  @Test
  void anImageRecipeMustBeOneThatExists() {
    assertEquals(java.util.Optional.of("tiny-linux"), TestbedFile.parse(MINIMAL.replace("global: true,",
        "global: true, recipe: tiny-linux,"), "r.yaml").images().get(0).recipe());
    TestbedFileException e = rejected(MINIMAL.replace("global: true,", "global: true, recipe: windows,"));
    assertTrue(e.getMessage().contains("field 'recipe': 'windows' is not one of broken-boot, tiny-linux"),
        e.getMessage());
  }

  @Test
  void unknownFieldIsAnErrorNamingFileLineEntryAndField() {
    TestbedFileException e = rejected(MINIMAL.replace("class: pc,", "class: pc, colour: red,"));
    assertEquals("bad.yaml:3: nodeTypes[0] 'pc850': unknown field 'colour'", e.getMessage());
  }

  @Test
  void unknownTopLevelKeyIsAnError() {
    TestbedFileException e = rejected(MINIMAL + "switches: []\n");
    assertTrue(e.getMessage().contains("unknown field 'switches'"), e.getMessage());
  }

  @Test
  void badValueNamesTheField() {
    TestbedFileException e = rejected(MINIMAL.replace("class: pc,", "class: pc, interfaces: many,"));
    assertTrue(e.getMessage().startsWith("bad.yaml:3: nodeTypes[0] 'pc850': field 'interfaces': expected a whole number"),
        e.getMessage());
  }

  @Test
  void unknownNodeTypeOfANodeIsAnError() {
    TestbedFileException e = rejected(MINIMAL.replace("type: pc850}", "type: pc9000}"));
    assertTrue(e.getMessage().contains("nodes[0]: field 'type': unknown node type 'pc9000'"), e.getMessage());
  }

  @Test
  void imageOnAnUnknownOsidIsAnError() {
    TestbedFileException e = rejected(MINIMAL.replace("global: true,", "global: true, partitions: {1: NOPE},"));
    assertTrue(e.getMessage().contains("images[0] 'FBSD-STD': field 'partitions': unknown OSID 'NOPE'"), e.getMessage());
  }

  @Test
  void imageWithoutNodeTypesIsAnError() {
    TestbedFileException e = rejected(MINIMAL.replace("nodeTypes: [pc850]}", "nodeTypes: []}"));
    assertTrue(e.getMessage().contains("field 'nodeTypes': an image needs at least one node type"), e.getMessage());
  }

  @Test
  void imagePathOutsideTheProjectDirectoryIsAnError() {
    TestbedFileException e = rejected(MINIMAL.replace("global: true,",
        "global: true, path: /proj/emulab-ops/images/../../testbed/images/x.ndz,"));
    assertTrue(e.getMessage().contains("field 'path'"), e.getMessage());
  }

  @Test
  void singlePartitionImageHoldsItsOsOnlyOnItsPartition() {
    TestbedFileException e = rejected(MINIMAL.replace("global: true,", "global: true, loadPartition: 1, partitions: {2: FBSD-STD},"));
    assertTrue(e.getMessage().contains("can only hold an OS on partition 1"), e.getMessage());
  }

  @Test
  void genericOsidNeedsNextOs() {
    TestbedFileException e = rejected(MINIMAL.replace("version: \"4.7\", ", ""));
    assertTrue(e.getMessage().contains("field 'version'"), e.getMessage());
  }

  @Test
  void duplicateNodeIsAnError() {
    TestbedFileException e = rejected(MINIMAL.replace("nodes:\n", "nodes:\n  - {name: pc2, type: pc850}\n"));
    assertTrue(e.getMessage().contains("node 'pc2' is defined twice"), e.getMessage());
  }

  @Test
  void unknownRoleIsAnError() {
    TestbedFileException e = rejected(MINIMAL + "users:\n  - {name: bob, projects: {testbed: boss}}\n");
    assertTrue(e.getMessage().contains("role 'boss' is not one of user, leader, admin"), e.getMessage());
  }

  @Test
  void badFaultIsAnError() {
    TestbedFileException e = rejected(MINIMAL + "faults:\n  - {node: pc1, load: explode}\n");
    assertTrue(e.getMessage().contains("field 'load'"), e.getMessage());
  }

  @Test
  void invalidYamlNamesTheFile() {
    TestbedFileException e = rejected("projects: [a, b\n");
    assertTrue(e.getMessage().startsWith("bad.yaml: not valid YAML"), e.getMessage());
  }

  @Test
  void missingFileNamesTheFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    TestbedFileException e = assertThrows(TestbedFileException.class, () -> TestbedFile.load(missing));
    assertTrue(e.getMessage().startsWith(missing.toString()), e.getMessage());
  }

  @Test
  void loadsFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("testbed.yaml");
    Files.writeString(file, MINIMAL);
    assertFalse(TestbedFile.load(file).nodes().isEmpty());
  }
}
