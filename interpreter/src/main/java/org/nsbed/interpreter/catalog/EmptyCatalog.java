package org.nsbed.interpreter.catalog;

import java.util.Optional;
import java.util.Set;

/** A catalogue that knows nothing: used in {@code syntax} and {@code pass} modes without a testbed. */
public final class EmptyCatalog implements NsCatalog {

  public static final EmptyCatalog INSTANCE = new EmptyCatalog();

  private EmptyCatalog() {}

  @Override
  public boolean osidVisible(String osName) {
    return false;
  }

  @Override
  public Set<String> parentOsids(String osName) {
    return Set.of();
  }

  @Override
  public Optional<HardwareType> hardwareType(String typeOrClass) {
    return Optional.empty();
  }

  @Override
  public boolean typePermitted(String type) {
    return true;
  }

  @Override
  public Optional<String> physicalNodeType(String nodeName) {
    return Optional.empty();
  }
}
