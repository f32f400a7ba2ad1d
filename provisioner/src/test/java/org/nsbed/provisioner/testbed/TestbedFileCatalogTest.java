package org.nsbed.provisioner.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nsbed.interpreter.catalog.NsCatalog.HardwareType;

class TestbedFileCatalogTest {

  static TestbedFileCatalog seenFrom(String project) throws Exception {
    return new TestbedFileCatalog(TestbedFileTest.conformance(), project);
  }

  @Test
  void sharedOsidIsVisibleByNameAndQualifiedName() throws Exception {
    TestbedFileCatalog c = seenFrom("testbed");
    assertTrue(c.osidVisible("FBSD-STD"));
    assertTrue(c.osidVisible("emulab-ops/FBSD-STD"));
  }

  @Test
  void projectOsidIsVisibleOnlyToItsProject() throws Exception {
    assertTrue(seenFrom("testbed").osidVisible("MYOS"));
    assertTrue(seenFrom("testbed").osidVisible("testbed/MYOS"));
    assertFalse(seenFrom("otherproj").osidVisible("MYOS"));
    assertFalse(seenFrom("otherproj").osidVisible("testbed/MYOS"));
  }

  @Test
  void unknownOsidIsNotVisible() throws Exception {
    assertFalse(seenFrom("testbed").osidVisible("NO-SUCH-OS"));
    assertFalse(seenFrom("testbed").osidVisible("testbed/FBSD-STD"));
  }

  @Test
  void parentOsidsComeFromParentOs() throws Exception {
    assertEquals(Set.of("FBSD-STD", "emulab-ops/FBSD-STD"), seenFrom("testbed").parentOsids("FBSD-JAIL"));
    assertEquals(Set.of(), seenFrom("testbed").parentOsids("FBSD-STD"));
  }

  @Test
  void nodeTypeIsAHardwareType() throws Exception {
    HardwareType t = seenFrom("testbed").hardwareType("pcvron").orElseThrow();
    assertEquals(new HardwareType("pcvron", "pcvron", "FBSD-STD", true, false, false), t);
    assertTrue(seenFrom("testbed").hardwareType("pcvm").orElseThrow().virtual());
    assertTrue(seenFrom("testbed").hardwareType("ixp-bv").orElseThrow().subnode());
  }

  @Test
  void bareClassIsAHardwareTypeWithTheClassDefaultOs() throws Exception {
    HardwareType pc = seenFrom("testbed").hardwareType("pc").orElseThrow();
    assertEquals("FBSD-STD", pc.defaultOs());
    assertFalse(pc.remote());
    assertEquals("SHARK-STD", seenFrom("testbed").hardwareType("shark").orElseThrow().defaultOs());
  }

  @Test
  void unknownTypeIsAbsent() throws Exception {
    assertEquals(Optional.empty(), seenFrom("testbed").hardwareType("pc9000"));
  }

  @Test
  void restrictedTypeIsPermittedOnlyToItsProjects() throws Exception {
    assertFalse(seenFrom("testbed").typePermitted("pc3000"));
    assertTrue(seenFrom("otherproj").typePermitted("pc3000"));
    assertTrue(seenFrom("testbed").typePermitted("pc850"));
    assertTrue(seenFrom("testbed").typePermitted("pc"));
  }

  @Test
  void physicalNodesHaveTheirType() throws Exception {
    assertEquals(Optional.of("pc850"), seenFrom("testbed").physicalNodeType("pc7"));
    assertEquals(Optional.empty(), seenFrom("testbed").physicalNodeType("pc11"));
  }
}
