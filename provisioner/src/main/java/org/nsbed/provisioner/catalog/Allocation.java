package org.nsbed.provisioner.catalog;

import java.util.Locale;

/** Whether a physical node can be given to an experiment. */
public enum Allocation {
  /** Not reserved; may be mapped to an experiment. */
  FREE,
  /** Reserved to an experiment (see {@link Node#experiment()} and {@link Node#vname()}). */
  RESERVED,
  /** Out of service (hardware problem); never mapped. */
  DOWN;

  /** The spelling used in output: {@code free}, {@code reserved}, {@code down}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
