package org.nsbed.provisioner.node;

/**
 * What a node boots next (Ironic's boot interface): the disk loader, which writes an image onto
 * the disk and then boots it, or the disk itself. On bare metal this is the PXE configuration
 * the node finds when it network-boots.
 */
public interface BootInterface {

  /** Sets what the node boots the next time it is powered on or cycled. */
  void setNextBoot(String node, BootTarget target);
}
