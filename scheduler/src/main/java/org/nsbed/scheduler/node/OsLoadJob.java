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

/** The persistent job of {@code os_load}. */
public final class OsLoadJob extends OperationJob {
  @Override
  protected void perform(Engine engine, String operationId, JobDataMap data, boolean recovering)
      throws InterruptedException {
    Map<String, String> loads = NodeOperations.decode(data.getString(NodeOperations.LOADS));
    boolean reboot = Boolean.parseBoolean(data.getString(NodeOperations.REBOOT));
    boolean countBoot = Boolean.parseBoolean(data.getString(NodeOperations.COUNT_BOOT));
    engine.experiments().start(operationId);
    NodeRun run = new NodeRun(engine);
    List<String> nodes = new ArrayList<>(loads.keySet());
    String subject = "os_load of " + NodeNames.summary(nodes);
    try {
      List<NodeOutcome> outcomes = run.run(loads, reboot);
      List<String> failed = new ArrayList<>();
      int counted = 0;
      for (NodeOutcome o : outcomes) {
        if (!o.up()) {
          failed.add(o.node() + ": " + o.reason());
          counted += o.loadFailed() || countBoot ? 1 : 0;
        }
      }
      String message = failed.isEmpty()
          ? "loaded " + NodeNames.firstOf(loads.entrySet().stream().map(e -> e.getKey() + " with " + e.getValue()).toList(), ", ")
              + (reboot ? "; booted" : "; not rebooted (-r)")
          : failed.size() + " of " + nodes.size() + " node(s) failed: " + NodeNames.firstOf(failed, "; ");
      run.finish(operationId, subject + (failed.isEmpty() ? " finished" : " failed"), counted == 0, counted, message,
          nodes);
    } catch (IOException e) {
      run.finish(operationId, subject + " failed", false, nodes.size(), e.getMessage(), nodes);
    }
  }
}
