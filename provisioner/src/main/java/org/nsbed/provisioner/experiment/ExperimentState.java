package org.nsbed.provisioner.experiment;

import java.util.Locale;

/**
 * An experiment's state (docs/lifecycle.md, "Experiment states"): {@code new -> swapped ->
 * activating -> active -> swapping -> swapped}, and {@code terminating -> ended}. A failed swap-in
 * returns to {@code swapped}.
 */
public enum ExperimentState {
  NEW,
  SWAPPED,
  ACTIVATING,
  ACTIVE,
  SWAPPING,
  TERMINATING,
  ENDED;

  /** The spelling used in output, e.g. {@code swapped}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
