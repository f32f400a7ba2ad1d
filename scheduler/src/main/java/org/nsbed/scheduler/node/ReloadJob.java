package org.nsbed.scheduler.node;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.nsbed.provisioner.experiment.lifecycle.NodeStore;
import org.nsbed.provisioner.node.PowerAction;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.engine.OperationJob;
import org.nsbed.scheduler.provisioning.NodeOutcome;
import org.quartz.JobDataMap;

/**
 * Reloads swapped-out nodes with their default image, then frees them; a node whose reload or
 * boot fails is taken out of service (down) instead, as the reference's reload daemon moves it to
 * {@code hwdown}.
 */
public final class ReloadJob extends OperationJob {
  @Override
  protected void perform(Engine engine, String operationId, JobDataMap data, boolean recovering)
      throws InterruptedException {
    Map<String, String> loads = NodeOperations.decode(data.getString(NodeOperations.LOADS));
    engine.experiments().start(operationId);
    List<NodeOutcome> outcomes;
    try {
      outcomes = new NodeRun(engine).run(loads, true);
    } catch (IOException e) {
      outcomes = loads.keySet().stream().map(n -> new NodeOutcome(n, false, true, e.getMessage(), null, null, 0))
          .toList();
    }
    List<String> freedNodes = engine.nodes().finishReload(operationId, loads, outcomes.stream()
        .map(o -> new NodeStore.Reloaded(o.node(), o.up(), o.reason())).toList());
    // A free node runs nothing: a virtual machine would otherwise keep running for nobody.
    freedNodes.forEach(n -> engine.driver().power(n, PowerAction.OFF));
  }
}
