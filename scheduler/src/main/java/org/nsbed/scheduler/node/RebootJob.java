package org.nsbed.scheduler.node;

import org.nsbed.provisioner.catalog.NodeNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.engine.OperationJob;
import org.nsbed.scheduler.provisioning.NodeOutcome;
import org.quartz.JobDataMap;

/** The persistent job of {@code node_reboot}: power cycle, boot the disk, wait for the OS (one retry). */
public final class RebootJob extends OperationJob {
  @Override
  protected void perform(Engine engine, String operationId, JobDataMap data, boolean recovering)
      throws InterruptedException {
    Map<String, String> nodes = NodeOperations.decode(data.getString(NodeOperations.LOADS));
    engine.experiments().start(operationId);
    NodeRun run = new NodeRun(engine);
    List<String> names = new ArrayList<>(nodes.keySet());
    String subject = "node_reboot of " + NodeNames.summary(names);
    try {
      List<String> failed = new ArrayList<>();
      for (NodeOutcome o : run.run(nodes, true)) {
        if (!o.up()) {
          failed.add(o.node() + ": " + o.reason());
        }
      }
      run.finish(operationId, subject + (failed.isEmpty() ? " finished" : " failed"), failed.isEmpty(), failed.size(),
          failed.isEmpty() ? NodeNames.summary(names) + " up" : NodeNames.firstOf(failed, "; "), names);
    } catch (IOException e) {
      run.finish(operationId, subject + " failed", false, names.size(), e.getMessage(), names);
    }
  }
}
