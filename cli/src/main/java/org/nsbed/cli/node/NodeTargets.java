package org.nsbed.cli.node;

import java.util.ArrayList;
import java.util.List;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.cli.experiment.ExperimentRef;
import org.nsbed.cli.experiment.SwapSession;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;

/** The nodes a node command acts on: listed by name, or all nodes of {@code -e PID,EID}. */
final class NodeTargets {
  private NodeTargets() {}

  static List<String> resolve(SwapSession session, List<String> names, String experiment) {
    if ((names == null || names.isEmpty()) == (experiment == null)) {
      throw new UserError("name the nodes or give -e PID,EID (one of the two)", Nsbed.EXIT_USAGE);
    }
    if (experiment != null) {
      ExperimentRef ref = ExperimentRef.parse(experiment);
      try {
        return session.nodeOps().nodesOf(ref.pid(), ref.eid(), session.nsbed.user());
      } catch (LifecycleException e) {
        throw new UserError(e.getMessage());
      }
    }
    return new ArrayList<>(names);
  }

  /** The experiments (by id) holding the nodes, for the progress display. */
  static List<Long> experimentsOf(SwapSession session, List<String> nodes) {
    return session.nodeOps().experimentsHolding(nodes);
  }
}
