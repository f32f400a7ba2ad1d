package org.nsbed.scheduler.node;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.NodeStore;
import org.nsbed.provisioner.experiment.lifecycle.OutboxMessage;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.notification.SummaryTable;
import org.nsbed.scheduler.provisioning.ImageRef;
import org.nsbed.scheduler.provisioning.NodeLoad;
import org.nsbed.scheduler.provisioning.NodeOutcome;
import org.nsbed.scheduler.provisioning.ProvisioningOptions;
import org.nsbed.scheduler.provisioning.ProvisioningRun;
import org.nsbed.scheduler.provisioning.NodeProgressWriter;

/**
 * Loads or reboots reserved nodes outside a swap-in (os_load, node_reboot, the reboot after
 * create_image), keeping their experiments' node rows (status, OS, image) up to date.
 */
final class NodeRun {
  private final Engine engine;

  NodeRun(Engine engine) {
    this.engine = engine;
  }

  /**
   * Runs the loads ({@code node → pid/image}, or an empty image for a plain reboot) and returns
   * the outcomes.
   */
  List<NodeOutcome> run(Map<String, String> loads, boolean reboot) throws InterruptedException, IOException {
    List<NodeStore.NodePlan> plans = engine.nodes().planRun(loads);
    Map<String, ExperimentNode.Key> keys = new HashMap<>();
    plans.stream().filter(p -> p.row() != null).forEach(p -> keys.put(p.node(), p.row()));
    List<NodeLoad> sized = new ArrayList<>();
    try {
      for (NodeStore.NodePlan p : plans) {
        sized.add(new NodeLoad(p.node(), p.nodeType(), p.image() == null ? null : ImageRef.of(p.image(), p.file()),
            p.osid(), p.biosWaitSeconds(), p.rebootWaitSeconds()));
      }
    } catch (IOException e) {
      // Nothing was loaded: every node keeps what it had.
      engine.nodes().restore(plans);
      throw e;
    }
    ProvisioningOptions options = new ProvisioningOptions(reboot, engine.settings().maxSessions(), engine.settings().iface(),
        engine.settings().ttl());
    List<NodeOutcome> outcomes;
    try (NodeProgressWriter writer = new NodeProgressWriter(engine.nodes(), keys)) {
      outcomes = new ProvisioningRun(engine.driver(), options, writer).run(sized);
    }
    engine.nodes().recordRun(plans, outcomes.stream()
        .map(o -> new NodeStore.RunResult(o.node(), o.loadFailed(), o.loadMs(), o.bootMs())).toList(), reboot);
    return outcomes;
  }

  /** Ends a node operation: outcome, experiment logs, and the user's notification. */
  void finish(String operationId, String subject, boolean ok, int failed, String message, List<String> nodes) {
    // Queued in the transaction that records the outcome and sent once it commits.
    engine.nodes().finish(operationId, subject + ": " + message, ok, failed, message, nodes,
        (op, rows) -> new OutboxMessage(op.requestedBy(), subject, subject + ".\n\n" + message + "\n\n"
            + SummaryTable.render(rows), engine.clock().now()));
  }
}
