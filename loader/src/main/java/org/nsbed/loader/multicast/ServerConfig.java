package org.nsbed.loader.multicast;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to serve one image.
 *
 * @param image the {@code .ndz} file
 * @param iface the network interface; {@code lo} unless the testbed really has a network
 * @param ttl multicast TTL: 0 keeps every datagram on this host, 1 reaches the interface's own link
 * @param group the multicast group and data port; the control port is {@code port + 1}
 * @param rateMbps cap on the data rate (Mbit/s of block payload); the server backs off below it on loss
 * @param idleExit stop after this long without a request; {@link Duration#ZERO} never stops
 * @param blockSize bytes of image data per datagram; 0 picks the largest the interface's MTU allows
 */
public record ServerConfig(Path image, String iface, int ttl, InetSocketAddress group, int rateMbps, Duration idleExit, int blockSize) {
  /** Default cap: loopback carries several GB/s; the server backs off when receivers lose data. */
  public static final int DEFAULT_RATE_MBPS = 8000;

  public ServerConfig {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(iface, "iface");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(idleExit, "idleExit");
    Multicast.checkTtl(ttl);
    if (rateMbps <= 0) {
      throw new IllegalArgumentException("rate must be positive, not " + rateMbps + " Mbit/s");
    }
    if (blockSize != 0 && (blockSize < 512 || blockSize > Multicast.MAX_DATAGRAM - Wire.BLOCK_HEADER)) {
      throw new IllegalArgumentException("block size must be 512.." + (Multicast.MAX_DATAGRAM - Wire.BLOCK_HEADER) + " bytes, not " + blockSize);
    }
  }

  /** Serves {@code image} on {@code group} over {@code lo} at the default rate, never idling out. */
  public static ServerConfig of(Path image, InetSocketAddress group) {
    return new ServerConfig(image, "lo", 0, group, DEFAULT_RATE_MBPS, Duration.ZERO, 0);
  }

  public ServerConfig withIface(String i) {
    return new ServerConfig(image, i, ttl, group, rateMbps, idleExit, blockSize);
  }

  public ServerConfig withTtl(int t) {
    return new ServerConfig(image, iface, t, group, rateMbps, idleExit, blockSize);
  }

  public ServerConfig withRateMbps(int r) {
    return new ServerConfig(image, iface, ttl, group, r, idleExit, blockSize);
  }

  public ServerConfig withIdleExit(Duration d) {
    return new ServerConfig(image, iface, ttl, group, rateMbps, d, blockSize);
  }

  public ServerConfig withBlockSize(int b) {
    return new ServerConfig(image, iface, ttl, group, rateMbps, idleExit, b);
  }
}
