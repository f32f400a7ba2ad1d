package org.nsbed.provisioner.node;

import java.net.InetSocketAddress;
import java.util.Objects;

/** What a node boots next: the disk loader (then its disk), or its disk. */
public sealed interface BootTarget {

  /**
   * Boot the disk-loader: fetch an image from a multicast image server onto the whole disk, then
   * (unless {@code rebootAfterLoad} is false) reboot from the disk.
   *
   * @param image the Image ID name ({@code pid/name}) being loaded, for console and events
   * @param group the multicast group and port the image server sends on
   * @param iface the network interface the node joins the group on ({@code lo} in simulation)
   * @param ttl the multicast TTL of the node's requests (0 when server and node share a host)
   * @param imageBytes the uncompressed size of the image, for progress
   * @param rebootAfterLoad boot the loaded disk when the load is done
   */
  record LoadImage(String image, InetSocketAddress group, String iface, int ttl, long imageBytes,
      boolean rebootAfterLoad)
      implements BootTarget {
    public LoadImage {
      Objects.requireNonNull(image, "image");
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(iface, "iface");
    }
  }

  /**
   * Boot from the local disk.
   *
   * @param osid the OSID expected on the disk ({@code pid/name}); the node boots the partition
   *     holding it, else the active partition
   */
  record Disk(String osid) implements BootTarget {}
}
