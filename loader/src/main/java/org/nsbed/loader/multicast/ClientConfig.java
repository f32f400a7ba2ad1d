package org.nsbed.loader.multicast;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How a client loads an image onto a disk.
 *
 * @param iface the network interface ({@code lo} in tests and the embedded testbed)
 * @param ttl multicast TTL of the client's requests: 0 on one host, 1 across the interface's link
 * @param group the multicast group and data port the image is served on
 * @param disk the disk to write: a regular file (created if missing) or a block device
 * @param expectedImage the image UUID the caller expects, or null to take whatever is served
 * @param timeout give up (and fail) if the load has not finished by then
 * @param cacheChunks most chunks held in memory at once (being received or decoded)
 * @param resume continue an interrupted load of the same image on the same disk
 * @param faults injected faults ({@link ClientFaults#NONE} normally)
 */
public record ClientConfig(String iface, int ttl, InetSocketAddress group, Path disk, UUID expectedImage, Duration timeout, int cacheChunks, boolean resume, ClientFaults faults) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
  public static final int DEFAULT_CACHE_CHUNKS = 64;

  public ClientConfig {
    Objects.requireNonNull(iface, "iface");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(disk, "disk");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(faults, "faults");
    Multicast.checkTtl(ttl);
    if (cacheChunks < 2) {
      throw new IllegalArgumentException("the chunk cache needs at least 2 chunks, not " + cacheChunks);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }

  /** Loads from {@code group} over {@code lo} into {@code disk}, resuming if possible. */
  public static ClientConfig of(InetSocketAddress group, Path disk) {
    return new ClientConfig("lo", 0, group, disk, null, DEFAULT_TIMEOUT, DEFAULT_CACHE_CHUNKS, true, ClientFaults.NONE);
  }

  public ClientConfig withIface(String i) {
    return new ClientConfig(i, ttl, group, disk, expectedImage, timeout, cacheChunks, resume, faults);
  }

  public ClientConfig withTtl(int t) {
    return new ClientConfig(iface, t, group, disk, expectedImage, timeout, cacheChunks, resume, faults);
  }

  public ClientConfig withExpectedImage(UUID u) {
    return new ClientConfig(iface, ttl, group, disk, u, timeout, cacheChunks, resume, faults);
  }

  public ClientConfig withTimeout(Duration t) {
    return new ClientConfig(iface, ttl, group, disk, expectedImage, t, cacheChunks, resume, faults);
  }

  public ClientConfig withCacheChunks(int c) {
    return new ClientConfig(iface, ttl, group, disk, expectedImage, timeout, c, resume, faults);
  }

  public ClientConfig withResume(boolean r) {
    return new ClientConfig(iface, ttl, group, disk, expectedImage, timeout, cacheChunks, r, faults);
  }

  public ClientConfig withFaults(ClientFaults f) {
    return new ClientConfig(iface, ttl, group, disk, expectedImage, timeout, cacheChunks, resume, f);
  }
}
