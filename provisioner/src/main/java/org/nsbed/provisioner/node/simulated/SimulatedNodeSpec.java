package org.nsbed.provisioner.node.simulated;

/**
 * The hardware of one simulated node.
 *
 * @param name physical node name, e.g. {@code pc7}
 * @param type its node type, e.g. {@code pc850}; the OS on the disk must have drivers for it
 * @param biosWaitSeconds the type's BIOS wait (unscaled): the simulated POST takes a third of it
 */
public record SimulatedNodeSpec(String name, String type, int biosWaitSeconds) {}
