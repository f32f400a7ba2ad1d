package org.nsbed.loader.multicast;

/**
 * Faults a client injects into itself, for tests and the simulated testbed.
 *
 * @param receiveLoss probability (0..1) that an arriving datagram is dropped before it is looked at
 * @param dieAtPercent when this share of the image's chunks is on disk, the client stops as if its
 *     node had crashed: no final flush, no goodbye (-1: never)
 */
public record ClientFaults(double receiveLoss, int dieAtPercent) {
  public static final ClientFaults NONE = new ClientFaults(0, -1);

  public ClientFaults {
    if (receiveLoss < 0 || receiveLoss >= 1) {
      throw new IllegalArgumentException("receive loss must be in [0, 1), not " + receiveLoss);
    }
    if (dieAtPercent < -1 || dieAtPercent > 100) {
      throw new IllegalArgumentException("die-at must be a percentage (0..100) or -1, not " + dieAtPercent);
    }
  }

  public static ClientFaults loss(double p) {
    return new ClientFaults(p, -1);
  }

  public static ClientFaults dieAt(int percent) {
    return new ClientFaults(0, percent);
  }
}
