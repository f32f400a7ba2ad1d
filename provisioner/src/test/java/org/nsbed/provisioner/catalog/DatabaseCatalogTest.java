package org.nsbed.provisioner.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nsbed.interpreter.catalog.NsCatalog;
import org.nsbed.provisioner.persistence.TestDatabase;
import org.nsbed.provisioner.persistence.TestDatabase.Backend;
import org.nsbed.provisioner.testbed.TestbedFile;
import org.nsbed.provisioner.testbed.TestbedFileCatalog;
import org.nsbed.provisioner.testbed.TestbedFileTest;
import org.nsbed.provisioner.testbed.TestbedImporter;

/** The database catalogue answers exactly as the testbed file it was imported from. */
class DatabaseCatalogTest {

  static final List<String> OS_NAMES = List.of("FBSD-STD", "emulab-ops/FBSD-STD", "MYOS", "testbed/MYOS",
      "FBSD-JAIL", "NO-SUCH-OS", "otherproj/MYOS", "emulab-ops/MYOS", "RHL73-IXPHOST", "");
  static final List<String> TYPES = List.of("pc", "pc600", "pc3000", "shark", "ixp-bv", "pcvm", "pcvron", "pcvwa",
      "nosuchtype", "ixp");
  static final List<String> NODES = List.of("pc1", "pc10", "pc11");

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void answersLikeTheTestbedFile(Backend backend) throws Exception {
    TestbedFile file = TestbedFileTest.conformance();
    try (TestDatabase t = TestDatabase.create(backend)) {
      new TestbedImporter(t.db(), Files.createTempDirectory("nsbed-home-")).importFile(file, "carol");
      for (String project : List.of("testbed", "otherproj", "emulab-ops")) {
        NsCatalog expected = new TestbedFileCatalog(file, project);
        NsCatalog actual = DatabaseCatalog.load(t.db(), project);
        for (String os : OS_NAMES) {
          assertEquals(expected.osidVisible(os), actual.osidVisible(os), project + " " + os);
          assertEquals(expected.parentOsids(os), actual.parentOsids(os), project + " " + os);
        }
        for (String type : TYPES) {
          assertEquals(expected.hardwareType(type), actual.hardwareType(type), project + " " + type);
          assertEquals(expected.typePermitted(type), actual.typePermitted(type), project + " " + type);
        }
        for (String node : NODES) {
          assertEquals(expected.physicalNodeType(node), actual.physicalNodeType(node), node);
        }
      }
    }
  }
}
