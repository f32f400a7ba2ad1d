package org.nsbed.scheduler.provisioning;

/**
 * One node to load and boot.
 *
 * @param node the physical node
 * @param nodeType its type
 * @param image what to load onto it; null to only reboot it from its disk
 * @param osid the OSID expected to boot ({@code pid/name})
 * @param biosWaitSeconds the type's BIOS wait (unscaled)
 * @param rebootWaitSeconds the OS's reboot wait (unscaled)
 */
public record NodeLoad(String node, String nodeType, ImageRef image, String osid, int biosWaitSeconds,
    int rebootWaitSeconds) {}
