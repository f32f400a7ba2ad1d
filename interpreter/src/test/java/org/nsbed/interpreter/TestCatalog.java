package org.nsbed.interpreter;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nsbed.interpreter.catalog.NsCatalog;

/**
 * The conformance testbed's facts (shared/conformance/emulab-testsuite/testbed.yaml) seen from
 * project {@code testbed}, plus Ubuntu-STD, as a small catalogue for the interpreter's tests.
 */
final class TestCatalog implements NsCatalog {

  static final TestCatalog INSTANCE = new TestCatalog();

  private static final Map<String, HardwareType> TYPES = Map.ofEntries(
      type("pc600", "pc", "FBSD-STD", false, false, false),
      type("pc850", "pc", "FBSD-STD", false, false, false),
      type("pc3000", "pc", "FBSD-STD", false, false, false),
      type("pc", "pc", "FBSD-STD", false, false, false),
      type("shark", "shark", "SHARK-STD", false, false, false),
      type("dnard", "shark", "SHARK-STD", false, false, false),
      type("ixp-bv", "ixp", "IXP-STD", false, false, true),
      type("ixp", "ixp", "IXP-STD", false, false, true),
      type("pcvm", "pcvm", "FBSD-JAIL", false, true, false),
      type("pcvron", "pcvron", "FBSD-STD", true, false, false));
  private static final Set<String> OSIDS = Set.of("FBSD-STD", "RHL-STD", "SHARK-STD", "IXP-STD", "FBSD-JAIL",
      "RHL73-IXPHOST", "UBUNTU10-OML", "FW-IPFW2", "Ubuntu-STD", "MYOS", "emulab-ops/FBSD-STD",
      "emulab-ops/Ubuntu-STD", "testbed/MYOS");

  private static Map.Entry<String, HardwareType> type(String name, String cls, String os, boolean remote,
      boolean virtual, boolean subnode) {
    return Map.entry(name, new HardwareType(name, cls, os, remote, virtual, subnode));
  }

  @Override
  public boolean osidVisible(String osName) {
    return OSIDS.contains(osName);
  }

  @Override
  public Set<String> parentOsids(String osName) {
    return osName.equals("FBSD-JAIL") ? Set.of("FBSD-STD", "emulab-ops/FBSD-STD") : Set.of();
  }

  @Override
  public Optional<HardwareType> hardwareType(String typeOrClass) {
    return Optional.ofNullable(TYPES.get(typeOrClass));
  }

  @Override
  public boolean typePermitted(String type) {
    return !type.equals("pc3000");
  }

  @Override
  public Optional<String> physicalNodeType(String nodeName) {
    return nodeName.matches("pc([1-9]|10)") ? Optional.of("pc850") : Optional.empty();
  }
}
