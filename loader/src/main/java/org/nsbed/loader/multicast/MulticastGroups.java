package org.nsbed.loader.multicast;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ThreadLocalRandom;

/** Picks multicast groups for image sessions. */
public final class MulticastGroups {

  private MulticastGroups() {}

  /**
   * A random group in 239.192.0.0/14 (organisation-local scope) with an even data port; the
   * session's control port is the next one. Random picks keep concurrent sessions, tests and
   * other processes on the host from sharing a group.
   */
  public static InetSocketAddress random() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    byte[] address = {(byte) 239, (byte) (192 + r.nextInt(4)), (byte) r.nextInt(256), (byte) (1 + r.nextInt(254))};
    try {
      return new InetSocketAddress(InetAddress.getByAddress(address), 20000 + 2 * r.nextInt(20000));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }
}
