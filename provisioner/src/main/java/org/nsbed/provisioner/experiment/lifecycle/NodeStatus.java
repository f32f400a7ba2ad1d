package org.nsbed.provisioner.experiment.lifecycle;

import java.util.Locale;

/** Where a virtual node of an experiment stands (expinfo's {@code status}). */
public enum NodeStatus {
  /** A physical node is reserved for it. */
  RESERVED,
  /** Its disk is being loaded. */
  LOADING,
  /** It is booting its OS. */
  BOOTING,
  /** Its OS is up. */
  UP,
  /** Its load or boot failed (see the reason). */
  FAILED;

  /** The spelling in output and JSON, e.g. {@code loading}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status spelled {@code label} (as {@link #label()} writes it). */
  public static NodeStatus of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
