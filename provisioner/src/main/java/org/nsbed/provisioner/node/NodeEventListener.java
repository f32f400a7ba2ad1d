package org.nsbed.provisioner.node;

/** Receives node events; called on the node's own thread, so it must return quickly. */
@FunctionalInterface
public interface NodeEventListener {
  void onEvent(NodeEvent event);
}
