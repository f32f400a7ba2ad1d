package org.nsbed.provisioner.mapping;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one virtual node needs from the hardware, after the catalogue has been consulted.
 *
 * @param vname the virtual node's name in the NS file
 * @param types the node types that fit (type, class or vtype expanded, permitted for the
 *     project) and have an image for the node's OSID
 * @param rejected node types that would fit but cannot be used, with the reason (for example
 *     "OSID X has no image for node type pc3000; it runs on: pc850"); reported when
 *     {@code types} is empty
 * @param fixed the physical node {@code tb-fix-node} pins it to, or null
 * @param asksForRemote the NS file asks for a remote node (the type it names is remote); otherwise
 *     a remote node is taken only when no local one fits
 * @param wantedImages per fitting type, the image it would load ({@code pid/name@sha256}); a node
 *     whose disk holds it unchanged is preferred
 */
public record VirtualNodeDemand(String vname, Set<String> types, Map<String, String> rejected, String fixed,
    boolean asksForRemote, Map<String, String> wantedImages) {
  public VirtualNodeDemand {
    Objects.requireNonNull(vname, "vname");
    types = Set.copyOf(types);
    rejected = Map.copyOf(rejected);
    wantedImages = Map.copyOf(wantedImages);
  }

  /** A virtual node that does not ask for a remote node. */
  public VirtualNodeDemand(String vname, Set<String> types, Map<String, String> rejected, String fixed) {
    this(vname, types, rejected, fixed, false, Map.of());
  }

  /** A virtual node with no preference for a disk's contents. */
  public VirtualNodeDemand(String vname, Set<String> types, Map<String, String> rejected, String fixed,
      boolean asksForRemote) {
    this(vname, types, rejected, fixed, asksForRemote, Map.of());
  }

  /** True if {@code offer}'s disk holds the image this virtual node would load on it. */
  boolean findsItsImageOn(PhysicalNodeOffer offer) {
    return offer.cleanImage() != null && offer.cleanImage().equals(wantedImages.get(offer.type()));
  }
}
