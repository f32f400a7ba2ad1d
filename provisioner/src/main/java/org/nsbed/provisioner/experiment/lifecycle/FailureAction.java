package org.nsbed.provisioner.experiment.lifecycle;

import java.util.Locale;

/**
 * What a node's failure means for its experiment ({@code tb-set-node-failure-action}):
 * {@link #FATAL} fails the swap-in, {@link #NONFATAL} and {@link #IGNORE} let it go on with the
 * node marked failed.
 */
public enum FailureAction {
  FATAL,
  NONFATAL,
  IGNORE;

  /** The spelling in NS files and output. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the IR's value; absent means fatal (the default). */
  public static FailureAction of(String value) {
    if (value == null || value.isBlank()) {
      return FATAL;
    }
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
