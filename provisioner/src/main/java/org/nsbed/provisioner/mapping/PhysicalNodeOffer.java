package org.nsbed.provisioner.mapping;

/**
 * A physical node as the mapper sees it.
 *
 * @param name node name
 * @param type node type
 * @param availability whether this experiment may take it now
 */
public record PhysicalNodeOffer(String name, String type, Availability availability) {

  /** Why a node can or cannot be taken. */
  public enum Availability {
    /** Free, or already held by the experiment being mapped. */
    FREE,
    /** Held by another experiment. */
    BUSY,
    /** Out of service. */
    DOWN,
    /** Must not be used for this mapping (the node that just failed in this swap-in). */
    EXCLUDED
  }
}
