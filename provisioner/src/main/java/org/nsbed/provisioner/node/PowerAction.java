package org.nsbed.provisioner.node;

/** What a power controller can do to a node. */
public enum PowerAction {
  /** Power on (no effect on a node that is on). */
  ON,
  /** Power off immediately. */
  OFF,
  /** Power off, then on: the node boots its next boot target. */
  CYCLE
}
