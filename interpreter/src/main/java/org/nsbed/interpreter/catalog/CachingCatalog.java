package org.nsbed.interpreter.catalog;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Remembers a catalogue's answers for the length of one parse: an NS file asks about the same
 * few OS names and types thousands of times, and the catalogue may be a database or another
 * process.
 */
public final class CachingCatalog implements NsCatalog {

  private final NsCatalog catalog;
  private final Map<String, Boolean> visible = new HashMap<>();
  private final Map<String, Set<String>> parents = new HashMap<>();
  private final Map<String, Optional<HardwareType>> types = new HashMap<>();
  private final Map<String, Boolean> permitted = new HashMap<>();
  private final Map<String, Optional<String>> physical = new HashMap<>();

  public CachingCatalog(NsCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public boolean osidVisible(String osName) {
    return visible.computeIfAbsent(osName, catalog::osidVisible);
  }

  @Override
  public Set<String> parentOsids(String osName) {
    return parents.computeIfAbsent(osName, catalog::parentOsids);
  }

  @Override
  public Optional<HardwareType> hardwareType(String typeOrClass) {
    return types.computeIfAbsent(typeOrClass, catalog::hardwareType);
  }

  @Override
  public boolean typePermitted(String type) {
    return permitted.computeIfAbsent(type, catalog::typePermitted);
  }

  @Override
  public Optional<String> physicalNodeType(String nodeName) {
    return physical.computeIfAbsent(nodeName, catalog::physicalNodeType);
  }
}
