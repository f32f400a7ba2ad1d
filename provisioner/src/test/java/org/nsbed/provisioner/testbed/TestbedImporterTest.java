package org.nsbed.provisioner.testbed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nsbed.loader.image.ImageInfo;
import org.nsbed.loader.image.Imageunzip;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.catalog.ImageId;
import org.nsbed.provisioner.catalog.NodeType;
import org.nsbed.provisioner.catalog.Role;
import org.nsbed.provisioner.disk.DiskLabel;
import org.nsbed.provisioner.persistence.TestDatabase;
import org.nsbed.provisioner.persistence.TestDatabase.Backend;

class TestbedImporterTest {

  static TestbedImporter.Report importConformance(TestDatabase t, Path home) throws Exception {
    return new TestbedImporter(t.db(), home).importFile(TestbedFileTest.conformance(), "carol");
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void importsEveryEntityOfTheFile(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      Path home = Files.createTempDirectory("nsbed-home-");
      TestbedImporter.Report r = importConformance(t, home);
      assertEquals(Map.of("projects", 3, "users", 1, "node types", 13, "nodes", 10, "OSIDs", 9, "images", 3), r.counts());
      assertEquals(3 + 1 + 13 + 10 + 9 + 3, r.created());
      t.db().run(s -> {
        CatalogRepository c = new CatalogRepository(s);
        assertEquals(10, c.nodes().size());
        assertEquals(Role.ADMIN, c.user("carol").orElseThrow().roleIn("otherproj").orElseThrow());
        assertTrue(c.user("carol").orElseThrow().admin());
        assertEquals("FBSD-STD", c.osid("emulab-ops", "FBSD-JAIL").orElseThrow().parents().iterator().next().name());
        assertEquals("FBSD-JAIL", c.nodeType("pcvm").orElseThrow().defaultOs().name());
        ImageId rhl = c.image("emulab-ops", "RHL-STD").orElseThrow();
        assertEquals("RHL-STD", rhl.partitions().get(2).name());
        assertEquals(Set.of("pc600", "pc850", "pc3000"),
            rhl.nodeTypes().stream().map(NodeType::name).collect(Collectors.toSet()));
        assertEquals(rhl, c.osidImage(rhl.partitions().get(2), c.nodeType("pc3000").orElseThrow()).orElseThrow().image());
        assertTrue(rhl.sizeBytes() > 0);
        assertEquals(64, rhl.sha256().length());
      });
    }
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void importingTwiceChangesNothing(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      Path home = Files.createTempDirectory("nsbed-home-");
      importConformance(t, home);
      byte[] image = Files.readAllBytes(home.resolve("proj/emulab-ops/images/FBSD-STD.ndz"));
      TestbedImporter.Report second = importConformance(t, home);
      assertFalse(second.changedAnything(), second.toString());
      assertEquals(0, second.created());
      assertEquals(0, second.updated());
      assertTrue(second.standIns().isEmpty());
      assertArrayEquals(image, Files.readAllBytes(home.resolve("proj/emulab-ops/images/FBSD-STD.ndz")));
    }
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void changedFileUpdates(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      Path home = Files.createTempDirectory("nsbed-home-");
      importConformance(t, home);
      String text = Files.readString(Path.of(getClass().getResource("/conformance-testbed.yaml").toURI()))
          .replace("{name: pc600,  class: pc, defaultOs: FBSD-STD}", "{name: pc600,  class: pc, defaultOs: RHL-STD, interfaces: 2}")
          .replace("nodeTypes: [pc850]}", "nodeTypes: [pc850, pc600]}")
          .replace("- {names: \"pc[1-10]\", type: pc850}", "- {names: \"pc[1-10]\", type: pc850}\n  - {name: pc11, type: pc3000}");
      TestbedImporter.Report r = new TestbedImporter(t.db(), home).importFile(TestbedFile.parse(text, "changed.yaml"), "carol");
      assertEquals(1, r.created());
      assertEquals(2, r.updated());
      t.db().run(s -> {
        CatalogRepository c = new CatalogRepository(s);
        NodeType pc600 = c.nodeType("pc600").orElseThrow();
        assertEquals("RHL-STD", pc600.defaultOs().name());
        assertEquals(2, pc600.interfaces());
        assertEquals("pc3000", c.node("pc11").orElseThrow().type().name());
        ImageId myos = c.image("testbed", "MYOS").orElseThrow();
        assertTrue(c.osidImage(myos.defaultOs(), pc600).isPresent());
      });
    }
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void standInImagesAreRealImagesThatBootOnTheirTypes(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      Path home = Files.createTempDirectory("nsbed-home-");
      TestbedImporter.Report r = importConformance(t, home);
      assertEquals(Set.of("emulab-ops/FBSD-STD", "emulab-ops/RHL-STD", "testbed/MYOS"), r.standIns().keySet());
      Path ndz = home.resolve("proj/emulab-ops/images/RHL-STD.ndz");
      ImageInfo info = ImageInfo.read(ndz);
      assertTrue(info.compressedBytes() < info.imageSize() / 2, info.toString());
      Path disk = home.resolve("disk.img");
      Imageunzip.unpack(ndz, disk);
      DiskLabel label = DiskLabel.read(disk);
      assertTrue(label.boot("RHL-STD", "pc3000").ok());
      assertFalse(label.boot("RHL-STD", "shark").ok());
    }
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void existingImageFilesAreNeverOverwritten(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      Path home = Files.createTempDirectory("nsbed-home-");
      Path real = home.resolve("proj/testbed/images/MYOS.ndz");
      Files.createDirectories(real.getParent());
      Files.writeString(real, "a real image the user made");
      TestbedImporter.Report r = importConformance(t, home);
      assertFalse(r.standIns().containsKey("testbed/MYOS"));
      assertEquals("a real image the user made", Files.readString(real));
    }
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void symlinkedImageDirectoryIsRefusedAndNothingIsImported(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      Path home = Files.createTempDirectory("nsbed-home-");
      Path elsewhere = Files.createTempDirectory("elsewhere-");
      Files.createDirectories(home.resolve("proj/testbed"));
      Files.createSymbolicLink(home.resolve("proj/testbed/images"), elsewhere);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> importConformance(t, home));
      assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
      t.db().run(s -> assertEquals(List.of(), new CatalogRepository(s).projects()));
    }
  }
}
