package org.nsbed.scheduler.image;

import org.nsbed.provisioner.catalog.NodeNames;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.catalog.ImageResolver;
import org.nsbed.provisioner.catalog.Node;
import org.nsbed.provisioner.catalog.OsidResolutionException;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.ExperimentRepository;
import org.nsbed.provisioner.experiment.ExperimentState;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentLifecycle;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.testbed.TestbedFile;
import org.nsbed.scheduler.engine.Engine;
import org.quartz.JobDataMap;

/**
 * The reload of freed nodes with their type's default image (the reference's
 * {@code reloadpending} and reload daemon). At swap-out the nodes move to the holding experiment
 * {@code emulab-ops/reloading} instead of becoming free; a {@link ReloadJob} loads them and then
 * frees them, or takes a node that fails to reload out of service.
 */
public final class Reloads {
  /** The holding experiment's name in {@value TestbedFile#SYSTEM_PROJECT}. */
  public static final String HOLDING = "reloading";

  private final Engine engine;

  public Reloads(Engine engine) {
    this.engine = engine;
  }

  /** A reload stored in a transaction; {@link #schedule} persists its job once that committed. */
  public record Pending(Operation op, Map<String, String> loads) {}

  /**
   * Inside the caller's transaction: moves {@code nodes} (just released by {@code from}) to the
   * holding experiment and stores the reload operation. Nodes whose type has no default image are
   * left free. Empty if there is no system project to hold them.
   */
  public Optional<Pending> hold(Session s, Experiment from, List<String> nodes) {
    CatalogRepository catalog = new CatalogRepository(s);
    if (nodes.isEmpty() || catalog.project(TestbedFile.SYSTEM_PROJECT).isEmpty()) {
      return Optional.empty();
    }
    Experiment holding = new ExperimentRepository(s).find(TestbedFile.SYSTEM_PROJECT, HOLDING).orElseGet(() -> {
      Experiment h = new Experiment(catalog.project(TestbedFile.SYSTEM_PROJECT).orElseThrow(), HOLDING, from.creator(),
          "# nodes waiting for their reload with the default image", "{\"nodes\":[]}");
      h.setDescription("nodes being reloaded with their default image after a swap-out");
      h.setState(ExperimentState.ACTIVE);
      new ExperimentRepository(s).add(h);
      return h;
    });
    ImageResolver resolver = new ImageResolver(catalog, engine.settings().home());
    Map<String, String> loads = new LinkedHashMap<>();
    // Each type's default image is resolved once: a query per node would first flush every node
    // reserved so far, which makes the swap-out of many nodes quadratic.
    Map<String, Object> defaults = new java.util.HashMap<>();
    catalog.nodes();
    for (String name : nodes) {
      Node node = catalog.node(name).orElseThrow();
      try {
        Object resolved = defaults.computeIfAbsent(node.type().name(), type -> {
          try {
            return resolver.resolve(from.project().pid(), null, type).image().qualifiedName();
          } catch (OsidResolutionException e) {
            return e;
          }
        });
        if (resolved instanceof OsidResolutionException e) {
          throw e;
        }
        node.reserve(holding, name);
        loads.put(name, (String) resolved);
      } catch (OsidResolutionException e) {
        new ExperimentLifecycle(s).log(from, "node " + name + " freed without a reload: " + e.getMessage());
      }
    }
    if (loads.isEmpty()) {
      return Optional.empty();
    }
    Operation op = new Operation(Operation.Kind.RELOAD, null, from.creator().name());
    s.persist(op);
    new ExperimentLifecycle(s).log(holding, "reload of " + NodeNames.summary(loads.keySet()) + " after "
        + from.qualifiedName() + " swapped out");
    return Optional.of(new Pending(op, loads));
  }

  /** Persists the job of a stored reload. */
  public void schedule(Pending pending) {
    JobDataMap data = new JobDataMap();
    data.put(NodeOperations.LOADS, NodeOperations.encode(pending.loads()));
    engine.schedule(pending.op(), ReloadJob.class, data, Instant.now());
  }

  /** Reloads that are queued or running (a swap-out's follow-up work). */
  public List<Operation> unfinished() {
    return engine.unfinished(Operation.Kind.RELOAD);
  }
}
