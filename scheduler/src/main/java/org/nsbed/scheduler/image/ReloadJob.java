package org.nsbed.scheduler.image;

import org.nsbed.provisioner.catalog.NodeNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.catalog.Node;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentLifecycle;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
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
    engine.db().run(s -> s.find(Operation.class, operationId).start());
    List<NodeOutcome> outcomes;
    try {
      outcomes = new NodeRun(engine).run(loads, true);
    } catch (IOException e) {
      outcomes = loads.keySet().stream().map(n -> new NodeOutcome(n, false, true, e.getMessage(), null, null, 0))
          .toList();
    }
    List<NodeOutcome> result = outcomes;
    List<String> freedNodes = engine.db().inTransaction(s -> {
      CatalogRepository catalog = new CatalogRepository(s);
      // Every node in the session with one query, each image looked up once (a query in the loop
      // would first flush every node changed so far).
      catalog.nodes();
      Map<String, java.util.Optional<org.nsbed.provisioner.catalog.ImageId>> images = new java.util.HashMap<>();
      List<String> freed = new ArrayList<>();
      List<String> down = new ArrayList<>();
      for (NodeOutcome o : result) {
        Node node = catalog.node(o.node()).orElseThrow();
        Experiment holder = node.experiment();
        if (holder == null || !holder.eid().equals(Reloads.HOLDING)) {
          continue;
        }
        if (o.up()) {
          node.release();
          // The reload's boot only checks that the default image comes up; no user ran on it, so
          // the disk counts as holding that image unchanged, and the next swap-in that wants it
          // on this node boots it without loading it again.
          String[] pn = loads.getOrDefault(o.node(), "").split("/", 2);
          if (pn.length == 2) {
            images.computeIfAbsent(pn[0] + "/" + pn[1], k -> catalog.image(pn[0], pn[1]))
                .ifPresent(i -> node.diskLoaded(i.qualifiedName(), i.sha256(), true));
          }
          freed.add(o.node());
        } else {
          node.setDown("reload failed: " + o.reason());
          down.add(o.node() + " (" + o.reason() + ")");
          new ExperimentLifecycle(s).log(holder, "node " + o.node() + " is down: reload failed: " + o.reason());
        }
      }
      String message = "reloaded and freed " + (freed.isEmpty() ? "no node" : NodeNames.summary(freed))
          + (down.isEmpty() ? "" : "; down: " + NodeNames.firstOf(down, "; "));
      s.find(Operation.class, operationId).finish(down.isEmpty(), down.size(), message);
      return freed;
    });
    // A free node runs nothing: a virtual machine would otherwise keep running for nobody.
    freedNodes.forEach(n -> engine.driver().power(n, PowerAction.OFF));
  }
}
