package org.nsbed.server.web;

import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.NodeStatus;

/**
 * One node on the experiment page: where its swap-in stands (reserved, loading n%, booting, up or
 * failed with the reason) and how long its load and boot took.
 *
 * @param percent how much of the disk is loaded while loading, else -1
 * @param loadSeconds null until the load finished (0 when the disk already held the image)
 */
public record NodeRow(String name, String physical, String nodeType, String os, String image, String status,
    int percent, String failureAction, String reason, Double loadSeconds, Double bootSeconds) {

  static NodeRow of(ExperimentNode n) {
    int percent = n.status() == NodeStatus.LOADING && n.bytesTotal() > 0
        ? (int) Math.min(100, n.bytesDone() * 100 / n.bytesTotal()) : -1;
    return new NodeRow(n.vname(), n.physical(), n.nodeType(), n.osid(), n.image(), n.status().label(), percent,
        n.failureAction().label(), n.reason(), seconds(n.loadMs()), seconds(n.bootMs()));
  }

  private static Double seconds(Long ms) {
    return ms == null ? null : ms / 1000.0;
  }

  /** What the status column says: "loading 42%", "failed", "up". */
  public String statusText() {
    return percent >= 0 ? status + " " + percent + "%" : status;
  }

  public boolean held() {
    return physical != null;
  }
}
