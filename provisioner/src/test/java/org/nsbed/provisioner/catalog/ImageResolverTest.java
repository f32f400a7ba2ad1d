package org.nsbed.provisioner.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nsbed.provisioner.catalog.ImageResolver.ImageChoice;
import org.nsbed.provisioner.catalog.OsidResolutionException.Reason;
import org.nsbed.provisioner.persistence.TestDatabase;
import org.nsbed.provisioner.persistence.TestDatabase.Backend;
import org.nsbed.provisioner.testbed.TestbedFile;
import org.nsbed.provisioner.testbed.TestbedImporter;

/** OSID -> image resolution on both backends, including every way it fails. */
class ImageResolverTest {

  static final String TESTBED = """
      projects: [emulab-ops, testbed, otherproj]
      nodeTypes:
        - {name: pc600,  class: pc, defaultOs: FBSD-STD}
        - {name: pc850,  class: pc, defaultOs: FBSD-STD}
        - {name: pc3000, class: pc, defaultOs: FBSD-STD}
        - {name: pc9000, class: pc, allowedProjects: [otherproj]}
        - {name: shark,  class: shark}
      nodes:
        - {names: "pc[1-3]", type: pc850}
      osids:
        - {name: FBSD-STD, project: emulab-ops, os: FreeBSD, version: "4.7", shared: true}
        - {name: UBUNTU, project: emulab-ops, os: Linux, shared: true, nextOs: UBUNTU18}
        - {name: UBUNTU18, project: emulab-ops, os: Linux, version: "18.04", shared: true}
        - {name: LOOP-A, project: emulab-ops, os: Linux, shared: true, nextOs: LOOP-B}
        - {name: LOOP-B, project: emulab-ops, os: Linux, shared: true, nextOs: LOOP-A}
        - {name: MYOS, project: testbed, os: Other, version: "1"}
        - {name: SECRET, project: otherproj, os: Other, version: "1"}
        - {name: PRIVATE-IMG, project: testbed, os: Other, version: "1", shared: true}
      images:
        - {name: FBSD-STD, project: emulab-ops, global: true, nodeTypes: [pc600, pc850]}
        - {name: UBUNTU18, project: emulab-ops, global: true, nodeTypes: [pc850]}
        - {name: MYOS, project: testbed, nodeTypes: [pc850]}
        - {name: PRIVATE-IMG, project: testbed, nodeTypes: [pc850]}
      """;

  interface Check {
    void run(ImageResolver resolver, Path home);
  }

  /** One imported catalogue per backend, shared by the tests (they only read it). */
  static final Map<Backend, TestDatabase> DATABASES = new EnumMap<>(Backend.class);
  static final Map<Backend, Path> HOMES = new EnumMap<>(Backend.class);

  static synchronized void withResolver(Backend backend, Check check) throws Exception {
    if (!DATABASES.containsKey(backend)) {
      TestDatabase t = TestDatabase.create(backend);
      Path home = Files.createTempDirectory("nsbed-home-");
      new TestbedImporter(t.db(), home).importFile(TestbedFile.parse(TESTBED, "resolver.yaml"), "carol");
      DATABASES.put(backend, t);
      HOMES.put(backend, home);
    }
    Path home = HOMES.get(backend);
    DATABASES.get(backend).db().run(s -> check.run(new ImageResolver(new CatalogRepository(s), home), home));
  }

  @AfterAll
  static void dropDatabases() throws Exception {
    for (TestDatabase t : DATABASES.values()) {
      t.close();
    }
    DATABASES.clear();
  }

  static OsidResolutionException fails(ImageResolver r, String project, String os, String type, Reason reason) {
    OsidResolutionException e = assertThrows(OsidResolutionException.class, () -> r.resolve(project, os, type));
    assertEquals(reason, e.reason(), e.getMessage());
    return e;
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void sharedOsidResolvesToItsImageAndFile(Backend backend) throws Exception {
    withResolver(backend, (r, home) -> {
      ImageChoice c = r.resolve("testbed", "FBSD-STD", "pc850");
      assertEquals("emulab-ops/FBSD-STD", c.osid().qualifiedName());
      assertEquals("emulab-ops/FBSD-STD", c.image().qualifiedName());
      assertEquals(home.resolve("proj/emulab-ops/images/FBSD-STD.ndz"), c.file());
      assertEquals("emulab-ops/FBSD-STD", r.resolve("testbed", "emulab-ops/FBSD-STD", "pc600").osid().qualifiedName());
    });
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void noOsMeansTheTypeDefault(Backend backend) throws Exception {
    withResolver(backend, (r, home) -> assertEquals("FBSD-STD", r.resolve("testbed", null, "pc600").osid().name()));
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void genericOsidResolvesToItsConcreteOsid(Backend backend) throws Exception {
    withResolver(backend, (r, home) -> {
      ImageChoice c = r.resolve("testbed", "UBUNTU", "pc850");
      assertEquals("UBUNTU18", c.osid().name());
      assertEquals("emulab-ops/UBUNTU18", c.image().qualifiedName());
    });
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void projectOsidResolvesForItsProject(Backend backend) throws Exception {
    withResolver(backend, (r, home) -> {
      assertEquals("testbed/MYOS", r.resolve("testbed", "MYOS", "pc850").image().qualifiedName());
      assertEquals("testbed/MYOS", r.resolve("testbed", "testbed/MYOS", "pc850").image().qualifiedName());
    });
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void osidWithoutImageForTheTypeNamesTheTypesItRunsOn(Backend backend) throws Exception {
    withResolver(backend, (r, home) -> {
      OsidResolutionException e = fails(r, "testbed", "FBSD-STD", "pc3000", Reason.NO_IMAGE_FOR_TYPE);
      assertEquals("OSID FBSD-STD has no image for node type pc3000; it runs on: pc600, pc850", e.getMessage());
    });
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void genericOsidWithoutImageSaysWhatItStandsFor(Backend backend) throws Exception {
    withResolver(backend, (r, home) -> {
      OsidResolutionException e = fails(r, "testbed", "UBUNTU", "pc600", Reason.NO_IMAGE_FOR_TYPE);
      assertEquals("OSID UBUNTU18 (generic OSID UBUNTU stands for it) has no image for node type pc600; it runs on: pc850",
          e.getMessage());
    });
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void unknownOsidIsAnError(Backend backend) throws Exception {
    withResolver(backend, (r, home) -> {
      OsidResolutionException e = fails(r, "testbed", "NO-SUCH-OS", "pc850", Reason.UNKNOWN_OSID);
      assertEquals("OSID NO-SUCH-OS is not known in project testbed; `nsbed osid list` shows the OSIDs it can use",
          e.getMessage());
    });
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void anotherProjectsUnsharedOsidIsNotVisible(Backend backend) throws Exception {
    withResolver(backend, (r, home) -> {
      fails(r, "testbed", "SECRET", "pc850", Reason.UNKNOWN_OSID);
      OsidResolutionException e = fails(r, "testbed", "otherproj/SECRET", "pc850", Reason.OSID_NOT_VISIBLE);
      assertEquals("OSID otherproj/SECRET belongs to project otherproj and is not shared; project testbed cannot use it",
          e.getMessage());
    });
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void sharedOsidOnAProjectImageIsRefusedToOtherProjects(Backend backend) throws Exception {
    withResolver(backend, (r, home) -> {
      assertEquals("testbed/PRIVATE-IMG", r.resolve("testbed", "PRIVATE-IMG", "pc850").image().qualifiedName());
      fails(r, "otherproj", "PRIVATE-IMG", "pc850", Reason.IMAGE_NOT_PERMITTED);
    });
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void unknownAndForbiddenNodeTypesAreErrors(Backend backend) throws Exception {
    withResolver(backend, (r, home) -> {
      fails(r, "testbed", "FBSD-STD", "pc12345", Reason.UNKNOWN_NODE_TYPE);
      OsidResolutionException e = fails(r, "testbed", "FBSD-STD", "pc9000", Reason.NODE_TYPE_NOT_PERMITTED);
      assertEquals("node type pc9000 is reserved for project(s) otherproj; project testbed cannot use it", e.getMessage());
    });
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void typeWithoutDefaultOsNeedsAnExplicitOs(Backend backend) throws Exception {
    withResolver(backend, (r, home) -> fails(r, "testbed", "", "shark", Reason.NO_DEFAULT_OS));
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void genericLoopIsAnError(Backend backend) throws Exception {
    withResolver(backend, (r, home) -> fails(r, "testbed", "LOOP-A", "pc850", Reason.GENERIC_UNRESOLVED));
  }
}
