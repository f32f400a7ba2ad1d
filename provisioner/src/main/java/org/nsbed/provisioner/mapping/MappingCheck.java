package org.nsbed.provisioner.mapping;

import java.nio.file.Path;
import java.util.Optional;
import org.nsbed.provisioner.persistence.Database;

/**
 * Whether an experiment could ever be mapped on this testbed, asked before it is stored
 * ({@code nsbed parse}, {@code startexp}): {@link Reservations#checkMappable} in a read-only
 * transaction of its own.
 */
public final class MappingCheck {
  private final Database db;
  private final Path home;

  public MappingCheck(Database db, Path home) {
    this.db = db;
    this.home = home;
  }

  /** Why the experiment of project {@code pid} can never be mapped on this testbed, or empty when it can. */
  public Optional<String> whyNever(String pid, ExperimentTopology topology) {
    return db.read(s -> {
      try {
        new Reservations(s, home).checkMappable(pid, topology);
        return Optional.<String>empty();
      } catch (MappingFailure f) {
        return Optional.of(f.getMessage());
      }
    });
  }
}
