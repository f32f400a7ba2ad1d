package org.nsbed.provisioner.node;

/**
 * Power control of nodes (Ironic's power interface): what an IPMI or Redfish controller, a
 * hypervisor's monitor or the simulator does to a machine.
 */
public interface PowerInterface {

  /** Applies a power action to a node. Power-on and cycle start a boot of the node's next boot target. */
  void power(String node, PowerAction action);
}
