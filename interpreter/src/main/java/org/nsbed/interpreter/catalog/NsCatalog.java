package org.nsbed.interpreter.catalog;

import java.util.Optional;
import java.util.Set;

/**
 * What an NS file may know about the testbed, seen from one project: the facts Emulab pushes into
 * the parser as its "defs prologue". Implemented by the testbed file and by the database
 * catalogue (provisioner); the interpreter never knows which.
 *
 * <p>In {@code pass} mode the interpreter still uses the catalogue for defaults (a node type's
 * default OS, remote/virtual flags) but reports no errors from it; in {@code full} mode unknown
 * OS names, hardware types and forbidden types are errors.
 */
public interface NsCatalog {

  /** A node type (or a node class such as {@code pc}) as the NS file sees it. */
  record HardwareType(
      String name, String nodeClass, String defaultOs, boolean remote, boolean virtual, boolean subnode) {}

  /**
   * True if {@code osName} names an OSID the project may use: {@code NAME} for a shared OSID or
   * one of the project's own, {@code pid/NAME} for those and for OSIDs granted to the project.
   */
  boolean osidVisible(String osName);

  /** The OSIDs a sub-OS (for example a jail OS) runs on; empty if {@code osName} is not a sub-OS. */
  Set<String> parentOsids(String osName);

  /** A node type or node class by name. */
  Optional<HardwareType> hardwareType(String typeOrClass);

  /** False if the type is restricted to other projects. */
  boolean typePermitted(String type);

  /** The type of a physical node ({@code tb-fix-node $n pc7}); empty if there is no such node. */
  Optional<String> physicalNodeType(String nodeName);
}
