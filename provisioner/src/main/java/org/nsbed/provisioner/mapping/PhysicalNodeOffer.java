package org.nsbed.provisioner.mapping;

/**
 * A physical node as the mapper sees it.
 *
 * @param name node name
 * @param type node type
 * @param availability whether this experiment may take it now
 * @param remote a remote node, taken only when a virtual node asks for one or nothing local fits
 * @param idleSince when the node last changed hands (free since, for a free node): the node idle
 *     longest is taken first, which spreads wear over the nodes
 * @param cleanImage the image its disk holds unchanged since it was loaded ({@code pid/name@sha256}),
 *     or null; a virtual node that wants that image prefers such a node (no load needed)
 */
public record PhysicalNodeOffer(String name, String type, Availability availability, boolean remote,
    java.time.Instant idleSince, String cleanImage) {

  /** A local node with no history: chosen in name order. */
  public PhysicalNodeOffer(String name, String type, Availability availability) {
    this(name, type, availability, false, java.time.Instant.EPOCH, null);
  }

  /** A node whose disk contents are not known. */
  public PhysicalNodeOffer(String name, String type, Availability availability, boolean remote,
      java.time.Instant idleSince) {
    this(name, type, availability, remote, idleSince, null);
  }

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
