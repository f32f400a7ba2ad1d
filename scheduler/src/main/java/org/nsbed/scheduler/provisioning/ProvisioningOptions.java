package org.nsbed.scheduler.provisioning;

/**
 * How a provisioning run behaves.
 *
 * @param reboot boot the disk after the load ({@code os_load -r} turns this off)
 * @param maxSessions at most this many multicast sessions (images) load at once
 * @param iface the interface image servers send on ({@code lo} on the simulated testbed)
 * @param ttl their multicast TTL (0 on one host)
 */
public record ProvisioningOptions(boolean reboot, int maxSessions, String iface, int ttl) {
  public ProvisioningOptions {
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be at least 1, got " + maxSessions);
    }
  }

  public ProvisioningOptions withReboot(boolean r) {
    return new ProvisioningOptions(r, maxSessions, iface, ttl);
  }
}
