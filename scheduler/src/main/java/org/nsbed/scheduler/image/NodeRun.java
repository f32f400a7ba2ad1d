package org.nsbed.scheduler.image;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.catalog.ImageId;
import org.nsbed.provisioner.catalog.OsFamilies;
import org.nsbed.provisioner.catalog.ImagePaths;
import org.nsbed.provisioner.catalog.Node;
import org.nsbed.provisioner.catalog.Osid;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentLifecycle;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.NodeStatus;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.notification.Notification;
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
    Map<String, ExperimentNode.Key> keys = new HashMap<>();
    List<NodeLoad> plans = new ArrayList<>();
    Map<String, Before> before = new HashMap<>();
    Map<String, String> sha256 = new HashMap<>();
    engine.db().run(s -> {
      CatalogRepository catalog = new CatalogRepository(s);
      // One query puts every node in the session, so the loop's finds cost no query each, and an
      // image is looked up once: each query would first flush every row changed so far.
      catalog.nodes();
      Map<String, ImageId> images = new HashMap<>();
      for (Map.Entry<String, String> e : loads.entrySet()) {
        Node node = catalog.node(e.getKey()).orElseThrow();
        ExperimentNode row = null;
        if (node.experiment() != null) {
          ExperimentNode.Key key = new ExperimentNode.Key(node.experiment().id(), node.vname());
          keys.put(node.name(), key);
          row = s.find(ExperimentNode.class, key);
        }
        if (e.getValue().isEmpty()) {
          String osid = row != null ? row.osid() : null;
          int rebootWait = Optional.ofNullable(osid).flatMap(o -> osidOf(catalog, o)).map(Osid::rebootWaitSeconds)
              .orElse(OsFamilies.UNKNOWN_REBOOT_WAIT_SECONDS);
          plans.add(new NodeLoad(node.name(), node.type().name(), null, osid, node.type().biosWaitSeconds(),
              rebootWait));
          continue;
        }
        ImageId image = images.computeIfAbsent(e.getValue(), qualified -> {
          String[] pn = qualified.split("/", 2);
          return catalog.image(pn[0], pn[1]).orElseThrow();
        });
        if (image.sha256() != null) {
          sha256.put(node.name(), image.sha256());
        }
        Osid os = image.defaultOs() != null ? image.defaultOs() : image.partitions().values().iterator().next();
        if (row != null) {
          before.put(node.name(), new Before(row.osid(), row.image(), row.status(), row.reason()));
          row.assign(node.name(), node.type().name(), os.qualifiedName(), image.qualifiedName());
        }
        plans.add(new NodeLoad(node.name(), node.type().name(), new ImageRef(image.qualifiedName(),
            ImagePaths.localFile(engine.settings().home(), image.project().pid(), image.path()), 0, 0), os.qualifiedName(),
            node.type().biosWaitSeconds(), os.rebootWaitSeconds()));
      }
    });
    List<NodeLoad> sized = new ArrayList<>();
    try {
      for (NodeLoad p : plans) {
        if (p.image() == null) {
          sized.add(p);
          continue;
        }
        sized.add(new NodeLoad(p.node(), p.nodeType(), ImageRef.of(p.image().name(), p.image().file()), p.osid(),
            p.biosWaitSeconds(), p.rebootWaitSeconds()));
      }
    } catch (IOException e) {
      // Nothing was loaded: every node keeps what it had.
      restore(keys, before, before.keySet());
      throw e;
    }
    ProvisioningOptions options = new ProvisioningOptions(reboot, engine.settings().maxSessions(), engine.settings().iface(),
        engine.settings().ttl());
    List<NodeOutcome> outcomes;
    try (NodeProgressWriter writer = new NodeProgressWriter(engine.db(), keys)) {
      outcomes = new ProvisioningRun(engine.driver(), options, writer).run(sized);
    }
    engine.db().run(s -> {
      CatalogRepository catalog = new CatalogRepository(s);
      for (NodeOutcome o : outcomes) {
        Node node = catalog.node(o.node()).orElseThrow();
        String loaded = loads.get(o.node());
        if (loaded == null || loaded.isEmpty()) {
          if (reboot) {
            node.diskWritten();
          }
        } else if (o.loadFailed()) {
          node.diskUnknown();
        } else {
          node.diskLoaded(loaded, sha256.get(o.node()), !reboot);
        }
        ExperimentNode.Key key = keys.get(o.node());
        ExperimentNode row = key == null ? null : s.find(ExperimentNode.class, key);
        if (row != null) {
          row.timings(o.loadMs(), o.bootMs());
          Before b = before.get(o.node());
          if (b != null && o.loadFailed()) {
            // The disk does not hold the new image; the failure and its reason stay visible.
            row.restore(b.osid(), b.image(), row.status(), row.reason());
          }
        }
      }
    });
    return outcomes;
  }

  /** What a node's row said before this run assigned it a new image. */
  private record Before(String osid, String image, NodeStatus status, String reason) {}

  private void restore(Map<String, ExperimentNode.Key> keys, Map<String, Before> before, Set<String> nodes) {
    engine.db().run(s -> {
      for (String node : nodes) {
        ExperimentNode row = keys.get(node) == null ? null : s.find(ExperimentNode.class, keys.get(node));
        Before b = before.get(node);
        if (row != null && b != null) {
          row.restore(b.osid(), b.image(), b.status(), b.reason());
        }
      }
    });
  }

  private static Optional<Osid> osidOf(CatalogRepository catalog, String qualified) {
    String[] pn = qualified.split("/", 2);
    return pn.length == 2 ? catalog.osid(pn[0], pn[1]) : Optional.empty();
  }

  /** Ends a node operation: outcome, experiment logs, and the user's notification. */
  void finish(String operationId, String subject, boolean ok, int failed, String message, List<String> nodes) {
    // Queued in the transaction that records the outcome and sent once it commits.
    engine.db().run(s -> {
      Operation op = s.find(Operation.class, operationId);
      op.finish(ok, failed, message);
      CatalogRepository catalog = new CatalogRepository(s);
      ExperimentLifecycle lifecycle = new ExperimentLifecycle(s);
      List<ExperimentNode> rows = new ArrayList<>();
      Set<Experiment> experiments = new LinkedHashSet<>();
      for (String name : nodes) {
        Node node = catalog.node(name).orElse(null);
        if (node != null && node.experiment() != null) {
          Experiment e = node.experiment();
          experiments.add(e);
          ExperimentNode row = s.find(ExperimentNode.class, new ExperimentNode.Key(e.id(), node.vname()));
          if (row != null) {
            rows.add(row);
          }
        }
      }
      experiments.forEach(e -> lifecycle.log(e, subject + ": " + message));
      Notification n = new Notification(op.requestedBy(), subject, subject + ".\n\n" + message + "\n\n"
          + SummaryTable.render(rows), Instant.now());
      engine.outbox().queue(s, n, line -> experiments.forEach(e -> lifecycle.log(e, line)));
    });
  }
}
