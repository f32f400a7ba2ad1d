package org.nsbed.provisioner.node.remote;

import org.nsbed.provisioner.node.BootTarget;
import org.nsbed.provisioner.node.PowerAction;

/** One call of the node driver interfaces, passed on to the node host that owns the node. */
public sealed interface HostCommand {

  /** The node the command is for. */
  String node();

  /** {@link org.nsbed.provisioner.node.BootInterface#setNextBoot}. */
  record NextBoot(String node, BootTarget target) implements HostCommand {}

  /** {@link org.nsbed.provisioner.node.PowerInterface#power}. */
  record Power(String node, PowerAction action) implements HostCommand {}

  /** {@link org.nsbed.provisioner.node.ConsoleInterface#send}. */
  record Send(String node, String text) implements HostCommand {}

  /**
   * {@link org.nsbed.provisioner.node.CaptureInterface#captureImage}: the agent captures the disk
   * and uploads the image under {@code capture}, or says why it could not.
   */
  record Capture(String node, int partition, String capture) implements HostCommand {}
}
