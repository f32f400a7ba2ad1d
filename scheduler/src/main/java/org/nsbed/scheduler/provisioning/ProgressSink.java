package org.nsbed.scheduler.provisioning;

import org.nsbed.provisioner.experiment.lifecycle.NodeStatus;

/** Receives every node's progress while a provisioning run goes on; must return quickly. */
@FunctionalInterface
public interface ProgressSink {
  /**
   * @param node the physical node
   * @param status its status now
   * @param bytesDone disk bytes loaded (while loading)
   * @param bytesTotal disk bytes to load (while loading)
   * @param reason why it failed, when {@code status} is failed
   */
  void update(String node, NodeStatus status, long bytesDone, long bytesTotal, String reason);
}
