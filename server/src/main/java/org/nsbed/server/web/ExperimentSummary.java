package org.nsbed.server.web;

import org.nsbed.provisioner.experiment.lifecycle.ExperimentInfo;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentRun;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentView;
import org.nsbed.provisioner.experiment.lifecycle.NodeStatus;

/** One row of the experiments list: state, how many nodes are up or failed, the last operation. */
public record ExperimentSummary(String pid, String eid, String state, String description, int nodes, int up,
    int failed, String lastOperation) {

  static ExperimentSummary of(ExperimentView v) {
    ExperimentInfo e = v.experiment();
    int up = 0;
    int failed = 0;
    for (ExperimentNode n : v.nodes()) {
      up += n.status() == NodeStatus.UP ? 1 : 0;
      failed += n.status() == NodeStatus.FAILED ? 1 : 0;
    }
    return new ExperimentSummary(e.pid(), e.eid(), e.state().label(), e.description(), v.nodes().size(),
        up, failed, lastOperation(v.run()));
  }

  /** "swapin running" while an operation holds the experiment, else how the last one ended ("ok", "failed"). */
  static String lastOperation(ExperimentRun run) {
    if (run.locked()) {
      return run.operation() + " running";
    }
    return run.result() == null ? "none" : run.result();
  }

  public String href() {
    return "/experiments/" + pid + "/" + eid;
  }
}
