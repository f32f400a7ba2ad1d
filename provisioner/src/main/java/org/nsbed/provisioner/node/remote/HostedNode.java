package org.nsbed.provisioner.node.remote;

import org.nsbed.provisioner.node.NodeFaults;
import org.nsbed.provisioner.testbed.TestbedFile;

/**
 * What a node host needs to know to run one of its nodes: the node's hardware as the testbed file
 * describes it.
 *
 * @param name physical node name
 * @param type node type name
 * @param driver {@link TestbedFile#SIMULATED} or {@link TestbedFile#QEMU}
 * @param biosWaitSeconds the type's BIOS wait
 * @param qemu the virtual machine of a {@code qemu} node
 * @param faults faults injected into a simulated node
 */
public record HostedNode(String name, String type, String driver, int biosWaitSeconds, TestbedFile.Qemu qemu,
    NodeFaults faults) {}
