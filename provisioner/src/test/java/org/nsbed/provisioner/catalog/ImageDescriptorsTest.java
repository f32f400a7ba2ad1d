package org.nsbed.provisioner.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nsbed.provisioner.persistence.TestDatabase;
import org.nsbed.provisioner.persistence.TestDatabase.Backend;
import org.nsbed.provisioner.testbed.TestbedFile;
import org.nsbed.provisioner.testbed.TestbedImporter;

/** The New Image Descriptor form: every field checked, permissions, create and delete. */
class ImageDescriptorsTest {

  static final String TESTBED = """
      projects: [emulab-ops, testbed, otherproj]
      users:
        - {name: root, admin: true}
        - {name: alice, projects: {testbed: leader}}
        - {name: bob, projects: {otherproj: user}}
      nodeTypes:
        - {name: pc850,  class: pc, defaultOs: FBSD-STD}
        - {name: pc3000, class: pc, defaultOs: FBSD-STD}
        - {name: pc9000, class: pc, allowedProjects: [otherproj]}
      nodes:
        - {names: "pc[1-3]", type: pc850}
      osids:
        - {name: FBSD-STD, project: emulab-ops, os: FreeBSD, version: "4.7", shared: true}
        - {name: BOBS-OS, project: otherproj, os: Linux, version: "1"}
      images:
        - {name: FBSD-STD, project: emulab-ops, global: true, nodeTypes: [pc850, pc3000]}
        - {name: BOBS-OS, project: otherproj, nodeTypes: [pc850]}
      """;

  static final Map<Backend, TestDatabase> DATABASES = new EnumMap<>(Backend.class);
  static final Map<Backend, Path> HOMES = new EnumMap<>(Backend.class);

  static synchronized ImageDescriptors descriptors(Backend backend) throws Exception {
    if (!DATABASES.containsKey(backend)) {
      TestDatabase t = TestDatabase.create(backend);
      Path home = Files.createTempDirectory("nsbed-home-");
      new TestbedImporter(t.db(), home).importFile(TestbedFile.parse(TESTBED, "images.yaml"), "root");
      DATABASES.put(backend, t);
      HOMES.put(backend, home);
    }
    return new ImageDescriptors(DATABASES.get(backend).db(), HOMES.get(backend));
  }

  @AfterAll
  static void dropDatabases() throws Exception {
    for (TestDatabase t : DATABASES.values()) {
      t.close();
    }
    DATABASES.clear();
  }

  static NewImage form(String name) {
    return new NewImage("testbed", name, "my custom image", "Linux", "18.04", List.of("pc850"), null, null, false,
        false, List.of("ping", "ssh"), null, null, null);
  }

  static NewImage with(NewImage f, String field, Object value) {
    return new NewImage(
        field.equals("project") ? (String) value : f.project(),
        field.equals("name") ? (String) value : f.name(),
        field.equals("description") ? (String) value : f.description(),
        field.equals("os") ? (String) value : f.os(),
        field.equals("version") ? (String) value : f.version(),
        field.equals("nodeTypes") ? castList(value) : f.nodeTypes(),
        field.equals("path") ? (String) value : f.path(),
        field.equals("loadPartition") ? (Integer) value : f.loadPartition(),
        field.equals("global") ? (Boolean) value : f.global(),
        f.shared(),
        field.equals("features") ? castList(value) : f.features(),
        field.equals("opMode") ? (String) value : f.opMode(),
        field.equals("rebootWait") ? (Integer) value : f.rebootWaitSeconds(),
        field.equals("maxConcurrent") ? (Integer) value : f.maxConcurrent());
  }

  @SuppressWarnings("unchecked")
  static List<String> castList(Object value) {
    return (List<String>) value;
  }

  /** (form field, bad value, the option the error must name). */
  static Stream<Arguments> badFields() {
    List<Arguments> cases = List.of(
        Arguments.of("project", null, "--project"),
        Arguments.of("project", "nosuchproj", "--project"),
        Arguments.of("project", "otherproj", "--project"),
        Arguments.of("name", null, "--name"),
        Arguments.of("name", "has blank", "--name"),
        Arguments.of("name", "../../etc/passwd", "--name"),
        Arguments.of("name", "a/b", "--name"),
        Arguments.of("name", "x".repeat(31), "--name"),
        Arguments.of("name", "-leadingdash", "--name"),
        Arguments.of("description", "  ", "--description"),
        Arguments.of("os", "Solaris", "--os"),
        Arguments.of("os", null, "--os"),
        Arguments.of("version", "", "--version"),
        Arguments.of("version", "1 2", "--version"),
        Arguments.of("nodeTypes", List.of(), "--node-types"),
        Arguments.of("nodeTypes", List.of("pc12345"), "--node-types"),
        Arguments.of("nodeTypes", List.of("pc9000"), "--node-types"),
        Arguments.of("path", "/proj/otherproj/images/x.ndz", "--path"),
        Arguments.of("path", "/proj/testbed/images/../../otherproj/images/x.ndz", "--path"),
        Arguments.of("path", "/proj/testbed/images/sub/x.ndz", "--path"),
        Arguments.of("path", "/etc/passwd", "--path"),
        Arguments.of("path", "/proj/testbed/images/..", "--path"),
        Arguments.of("loadPartition", 5, "--load-partition"),
        Arguments.of("loadPartition", -1, "--load-partition"),
        Arguments.of("global", true, "--global"),
        Arguments.of("features", List.of("teleport"), "--features"),
        Arguments.of("features", List.of("vlans"), "--features"),
        Arguments.of("opMode", "TURBO", "--op-mode"),
        Arguments.of("rebootWait", 0, "--reboot-wait"),
        Arguments.of("maxConcurrent", -2, "--max-concurrent"));
    return TestDatabase.backends().flatMap(b -> cases.stream().map(c -> {
      Object[] a = c.get();
      return Arguments.of(b, a[0], a[1], a[2]);
    }));
  }

  @ParameterizedTest(name = "{0} {1}={2}")
  @MethodSource("badFields")
  void badFieldIsRejectedNamingItAndNothingIsWritten(Backend backend, String field, Object value, String option)
      throws Exception {
    ImageDescriptors d = descriptors(backend);
    int before = d.list("root").size();
    int osidsBefore = d.osids("root").size();
    ImageFormException e = assertThrows(ImageFormException.class,
        () -> d.create(with(form("BAD-" + field), field, value), "alice"));
    assertEquals(option, e.field(), e.getMessage());
    assertTrue(e.getMessage().startsWith(option + ": "), e.getMessage());
    assertEquals(before, d.list("root").size());
    assertEquals(osidsBefore, d.osids("root").size());
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void createMakesAnImageAndItsOsidThatResolve(Backend backend) throws Exception {
    ImageDescriptors d = descriptors(backend);
    ImageDescriptors.ImageView v = d.create(with(form("ALICE-OS"), "loadPartition", 2), "alice");
    assertEquals("/proj/testbed/images/ALICE-OS.ndz", v.path());
    assertEquals(Map.of(2, "ALICE-OS"), v.partitions());
    assertEquals(List.of("pc850"), v.nodeTypes());
    assertFalse(v.fileExists());
    ImageDescriptors.OsidView o = d.osid("testbed/ALICE-OS", "alice");
    assertEquals(120, o.rebootWaitSeconds());
    assertEquals(Map.of("pc850", "testbed/ALICE-OS"), o.runsOn());
    DATABASES.get(backend).db().run(s -> assertEquals("testbed/ALICE-OS",
        new ImageResolver(new CatalogRepository(s), HOMES.get(backend)).resolve("testbed", "ALICE-OS", "pc850")
            .image().qualifiedName()));
    ImageFormException again = assertThrows(ImageFormException.class, () -> d.create(form("ALICE-OS"), "alice"));
    assertEquals("--name", again.field());
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void adminMayCreateGlobalImages(Backend backend) throws Exception {
    ImageDescriptors d = descriptors(backend);
    assertTrue(d.create(with(form("GLOBAL-OS"), "global", true), "root").global());
    assertTrue(d.list("bob").stream().anyMatch(i -> i.name().equals("GLOBAL-OS")));
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void usersSeeGlobalAndTheirProjectsImagesOnly(Backend backend) throws Exception {
    ImageDescriptors d = descriptors(backend);
    List<String> alice = d.list("alice").stream().map(i -> i.project() + "/" + i.name()).toList();
    assertTrue(alice.contains("emulab-ops/FBSD-STD"));
    assertFalse(alice.contains("otherproj/BOBS-OS"));
    assertTrue(d.list("bob").stream().anyMatch(i -> i.name().equals("BOBS-OS")));
    assertThrows(ImageFormException.class, () -> d.show("otherproj/BOBS-OS", "alice"));
    assertThrows(ImageFormException.class, () -> d.osid("BOBS-OS", "alice"));
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void nobodyDeletesOutsideTheirProject(Backend backend) throws Exception {
    ImageDescriptors d = descriptors(backend);
    d.create(form("TO-DELETE"), "alice");
    ImageFormException e = assertThrows(ImageFormException.class, () -> d.delete("FBSD-STD", "alice"));
    assertTrue(e.getMessage().contains("not a member"), e.getMessage());
    assertEquals("/proj/testbed/images/TO-DELETE.ndz", d.delete("testbed/TO-DELETE", "alice"));
    assertThrows(ImageFormException.class, () -> d.show("testbed/TO-DELETE", "alice"));
    assertThrows(ImageFormException.class, () -> d.osid("testbed/TO-DELETE", "alice"));
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void imageProvidingATypesDefaultOsCannotBeDeleted(Backend backend) throws Exception {
    ImageDescriptors d = descriptors(backend);
    ImageFormException e = assertThrows(ImageFormException.class, () -> d.delete("emulab-ops/FBSD-STD", "root"));
    assertTrue(e.getMessage().contains("default OS of node type"), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void unknownUserIsToldHowToBecomeKnown(Backend backend) throws Exception {
    ImageFormException e = assertThrows(ImageFormException.class, () -> descriptors(backend).list("mallory"));
    assertEquals("--user", e.field());
  }
}
