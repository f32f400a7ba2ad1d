package org.nsbed.scheduler.swap;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.nsbed.provisioner.catalog.NodeNames;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.ExperimentState;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentStore;
import org.nsbed.provisioner.experiment.lifecycle.FailureAction;
import org.nsbed.provisioner.experiment.lifecycle.LoadedNode;
import org.nsbed.provisioner.mapping.ExperimentTopology;
import org.nsbed.provisioner.mapping.MappingFailure;
import org.nsbed.provisioner.mapping.Reservations.Assignment;
import org.nsbed.provisioner.persistence.ConcurrentChangeException;
import org.nsbed.provisioner.node.PowerAction;
import org.nsbed.provisioner.time.TestbedClock;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.node.Reloads;
import org.nsbed.scheduler.notification.Notifications;
import org.nsbed.scheduler.provisioning.ImageRef;
import org.nsbed.scheduler.provisioning.NodeLoad;
import org.nsbed.scheduler.provisioning.NodeOutcome;
import org.nsbed.scheduler.provisioning.NodeProgressWriter;
import org.nsbed.scheduler.provisioning.ProvisioningOptions;
import org.nsbed.scheduler.provisioning.ProvisioningRun;

/**
 * A swap-in (or a modify of an active experiment): map and reserve, load and boot the nodes that
 * need it, and apply the failure-action policy. A fatal node's failure (or any disk-load failure)
 * retries the swap-in up to {@value #MAX_RETRIES} times with replacement nodes, never the node that
 * just failed, keeping the healthy ones; after that every node is released and the experiment is
 * swapped again. Nonfatal and ignored failures are reported and the experiment goes active.
 * Every node the swap-in lets go of goes to its reload with the default image ({@link Reloads}).
 *
 * <p>Every step re-reads the database, so a swap-in that Quartz re-runs after a crash carries the
 * nodes it had reserved forward and loads them again.
 */
public final class SwapIn {
  static final int MAX_RETRIES = 2;
  /**
   * Reservations lost to a concurrent swap-in are mapped again up to this many times in all (the
   * reference tries assign 3 times, 5 s apart; nsbed waits a random 50-250 ms x the try, so swap-ins
   * started together stop colliding, and tries a little more often).
   */
  static final int RESERVE_TRIES = 5;

  private final Engine engine;
  private final ExperimentStore experiments;
  private final Reloads reloads;

  public SwapIn(Engine engine) {
    this.engine = engine;
    this.experiments = engine.experiments();
    this.reloads = new Reloads(engine);
  }

  /** Runs the swap-in of the operation's experiment. */
  public void run(String operationId, boolean recovering) throws InterruptedException {
    run(operationId, recovering, null, null);
  }

  /**
   * Runs the swap-in of the operation's experiment; for a modify, {@code previousNs} and
   * {@code previousIr} are the NS file it replaced. A modify that fails goes back to that file,
   * as the reference does: the experiment is mapped on it again (the nodes it still holds are
   * kept, nodes the new file took are released) and stays active, and the operation fails
   * saying why. Only if that fails too is every node released.
   */
  public void run(String operationId, boolean recovering, String previousNs, String previousIr)
      throws InterruptedException {
    long started = engine.clock().nanos();
    Experiment experiment = experiments.startSwapIn(operationId, recovering ? "resumed on " + engine.instanceName()
        + " after the process running it stopped; nodes already reserved are carried forward and loaded again" : null);
    if (experiment.state() != ExperimentState.ACTIVATING) {
      finish(operationId, false, experiment.state(), 0, "experiment is " + experiment.state().label()
          + ", not activating; nothing done");
      return;
    }
    Attempts outcome = attempts(experiment.id(), ExperimentTopology.fromIrJson(experiment.irJson()), recovering);
    if (outcome.ok()) {
      succeed(operationId, experiment.id(), outcome, null, started);
      return;
    }
    if (previousIr != null) {
      String why = outcome.failure();
      experiments.revertNsFile(experiment.id(), previousNs, previousIr,
          "modify failed (" + why + "); going back to the previous NS file");
      Attempts back = attempts(experiment.id(), ExperimentTopology.fromIrJson(previousIr), false);
      if (back.ok()) {
        succeed(operationId, experiment.id(), back, "modify failed: " + why + "; the experiment keeps running on "
            + "its previous NS file", started);
        return;
      }
      failAndRelease(operationId, experiment.id(), back.history(), "modify failed (" + why + ") and going back to "
          + "the previous NS file failed too: " + back.failure(), started);
      return;
    }
    failAndRelease(operationId, experiment.id(), outcome.history(), outcome.failure(), started);
  }

  /**
   * How a series of attempts ended: the assignments and node outcomes when it succeeded, else why
   * not and each attempt's failures.
   */
  private record Attempts(List<Assignment> assignments, Map<String, NodeOutcome> outcomes, List<String> nonfatal,
      String failure, List<String> history) {
    boolean ok() {
      return failure == null;
    }
  }

  private Attempts attempts(Long experimentId, ExperimentTopology topology, boolean recovering)
      throws InterruptedException {
    Set<String> excluded = new LinkedHashSet<>();
    List<String> history = new ArrayList<>();
    Map<String, NodeOutcome> lastOutcomes = new HashMap<>();
    for (int attempt = 1; attempt <= MAX_RETRIES + 1; attempt++) {
      List<Assignment> assignments;
      try {
        assignments = reserve(experimentId, topology, excluded, attempt);
      } catch (MappingFailure f) {
        String why = (f.kind() == MappingFailure.Kind.NOT_NOW ? "cannot be mapped now: " : "") + f.getMessage();
        return new Attempts(null, null, null, why, history);
      }
      boolean reloadAll = recovering && attempt == 1;
      List<NodeLoad> plans = new ArrayList<>();
      Map<String, Assignment> byPhysical = new HashMap<>();
      Set<String> alreadyLoaded = reloadAll ? Set.of() : alreadyLoaded(experimentId, assignments);
      try {
        for (Assignment a : assignments) {
          byPhysical.put(a.physical(), a);
          if (alreadyLoaded.contains(a.physical())) {
            // The disk holds this image, unchanged since it was loaded: boot it, no load.
            plans.add(new NodeLoad(a.physical(), a.nodeType(), null, a.image().osid().qualifiedName(),
                a.biosWaitSeconds(), a.rebootWaitSeconds()));
          } else if (a.newlyReserved() || reloadAll) {
            plans.add(new NodeLoad(a.physical(), a.nodeType(), imageRef(a), a.image().osid().qualifiedName(),
                a.biosWaitSeconds(), a.rebootWaitSeconds()));
          }
        }
      } catch (IOException e) {
        return new Attempts(null, null, null, e.getMessage(), history);
      }
      List<NodeLoad> loading = plans.stream().filter(p -> p.image() != null).toList();
      log(experimentId, "attempt " + attempt + ": loading " + loading.size() + " node(s): " + byImage(loading)
          + (alreadyLoaded.isEmpty() ? "" : "; already loaded, booting only: " + NodeNames.summary(alreadyLoaded)));
      List<NodeOutcome> outcomes = provision(experimentId, assignments, plans);
      outcomes.forEach(o -> lastOutcomes.put(o.node(), o));
      List<String> fatal = new ArrayList<>();
      List<String> reasons = new ArrayList<>();
      for (NodeOutcome o : outcomes) {
        if (o.up()) {
          continue;
        }
        Assignment a = byPhysical.get(o.node());
        reasons.add(a.vname() + " (" + o.node() + "): " + o.reason());
        if (o.loadFailed() || a.failureAction() == FailureAction.FATAL) {
          fatal.add(o.node());
        }
      }
      if (fatal.isEmpty()) {
        // Nonfatal failures of earlier attempts stay with their nodes: report every one.
        List<String> nonfatal = new ArrayList<>();
        for (Assignment a : assignments) {
          NodeOutcome o = lastOutcomes.get(a.physical());
          if (o != null && !o.up()) {
            nonfatal.add(a.vname() + " (" + a.physical() + "): " + o.reason());
          }
        }
        return new Attempts(assignments, lastOutcomes, nonfatal, null, history);
      }
      history.add("attempt " + attempt + ": " + NodeNames.firstOf(reasons, "; "));
      excluded.addAll(fatal);
      if (attempt <= MAX_RETRIES) {
        log(experimentId, "attempt " + attempt + " failed (" + NodeNames.firstOf(reasons, "; ") + "); retrying with "
            + "replacement nodes for " + NodeNames.summary(fatal));
      }
      // Failed nodes go to their reload; a last failed attempt releases them too (a modify going
      // back must not keep them).
      releaseNodes(experimentId, fatal);
    }
    return new Attempts(null, null, null, "fatal node failures after " + (MAX_RETRIES + 1) + " attempts", history);
  }

  /** Per image, how many nodes load it and which ({@code 200 with emulab-ops/FBSD-STD (pc1, ...)}). */
  private static String byImage(List<NodeLoad> loading) {
    Map<String, List<String>> nodes = new java.util.TreeMap<>();
    loading.forEach(p -> nodes.computeIfAbsent(p.image().name(), k -> new ArrayList<>()).add(p.node()));
    List<String> parts = new ArrayList<>();
    nodes.forEach((image, names) -> parts.add(names.size() + " with " + image + " (" + NodeNames.summary(names) + ")"));
    return String.join("; ", parts);
  }

  private List<Assignment> reserve(Long experimentId, ExperimentTopology topology, Set<String> excluded, int attempt)
      throws MappingFailure, InterruptedException {
    ExperimentStore.Reserved r = reserveRetrying(engine.clock(), ThreadLocalRandom.current(),
        () -> experiments.reserve(experimentId, topology, excluded, attempt));
    r.reload().ifPresent(reloads::schedule);
    return r.assignments();
  }

  /** One try at a reservation, which another swap-in's concurrent reservation may defeat. */
  @FunctionalInterface
  interface Reservation<T> {
    T reserve() throws MappingFailure;
  }

  /**
   * Runs {@code reservation} up to {@value #RESERVE_TRIES} times while concurrent reservations
   * defeat it, waiting on {@code clock} a random 50-250 ms times the number of tries so far in
   * between.
   *
   * @throws MappingFailure of kind {@code NOT_NOW} once the last try lost too
   */
  static <T> T reserveRetrying(TestbedClock clock, RandomGenerator random, Reservation<T> reservation)
      throws MappingFailure, InterruptedException {
    for (int tries = 1; ; tries++) {
      try {
        return reservation.reserve();
      } catch (ConcurrentChangeException e) {
        if (tries >= RESERVE_TRIES) {
          throw new MappingFailure(MappingFailure.Kind.NOT_NOW,
              "another experiment took the nodes this one needs while it was being mapped; try again");
        }
        clock.sleep(Duration.ofMillis(tries * random.nextLong(50, 250)));
      }
    }
  }

  private static ImageRef imageRef(Assignment a) throws IOException {
    try {
      return ImageRef.of(a.image().image().qualifiedName(), a.image().file());
    } catch (IOException e) {
      throw new IOException(e.getMessage() + " (needed by " + a.vname() + " on " + a.physical() + ")", e);
    }
  }

  private List<NodeOutcome> provision(Long experimentId, List<Assignment> assignments, List<NodeLoad> plans)
      throws InterruptedException {
    Map<String, ExperimentNode.Key> keys = new HashMap<>();
    assignments.forEach(a -> keys.put(a.physical(), new ExperimentNode.Key(experimentId, a.vname())));
    ProvisioningOptions options = new ProvisioningOptions(true, engine.settings().maxSessions(), engine.settings().iface(),
        engine.settings().ttl());
    List<NodeOutcome> outcomes;
    try (NodeProgressWriter writer = new NodeProgressWriter(engine.nodes(), keys)) {
      outcomes = new ProvisioningRun(engine.driver(), options, writer).run(plans);
    }
    Map<String, NodeLoad> planOf = new HashMap<>();
    plans.forEach(p -> planOf.put(p.node(), p));
    Map<String, Assignment> assignmentOf = new HashMap<>();
    assignments.forEach(a -> assignmentOf.put(a.physical(), a));
    List<LoadedNode> loaded = new ArrayList<>();
    for (NodeOutcome o : outcomes) {
      Assignment a = assignmentOf.get(o.node());
      NodeLoad plan = planOf.get(o.node());
      // Loaded, then booted: a writable OS has changed the disk.
      LoadedNode.Disk disk = plan.image() == null ? LoadedNode.Disk.WRITTEN
          : o.loadFailed() ? LoadedNode.Disk.UNKNOWN : LoadedNode.Disk.LOADED;
      boolean written = disk == LoadedNode.Disk.LOADED;
      loaded.add(new LoadedNode(o.node(), keys.get(o.node()).vname(), o.loadMs(), o.bootMs(), disk,
          written ? a.image().image().qualifiedName() : null, written ? a.image().image().sha256() : null));
    }
    experiments.recordLoads(experimentId, loaded);
    return outcomes;
  }

  /**
   * The newly reserved nodes whose disks provably hold the image their virtual node wants: the
   * same Image ID from a file with the same SHA-256, unchanged since it was loaded (for example
   * by the free pool's reload with the type's default image). Their rows say so.
   */
  private Set<String> alreadyLoaded(Long experimentId, List<Assignment> assignments) {
    return experiments.alreadyLoaded(experimentId, assignments);
  }

  /** Releases failed nodes to their reload (a node that cannot be reloaded either goes down). */
  private void releaseNodes(Long experimentId, List<String> nodes) {
    nodes.forEach(n -> engine.driver().power(n, PowerAction.OFF));
    experiments.release(experimentId, nodes).ifPresent(reloads::schedule);
  }

  /** Ends the operation with the experiment active; {@code failedModify} set when a modify went back. */
  private void succeed(String operationId, Long experimentId, Attempts done, String failedModify, long started) {
    List<Assignment> assignments = done.assignments();
    Map<String, NodeOutcome> outcomes = done.outcomes();
    List<String> nonfatal = done.nonfatal();
    long totalMs = (engine.clock().nanos() - started) / 1_000_000;
    NodeOutcome last = outcomes.values().stream().filter(NodeOutcome::up)
        .max(java.util.Comparator.comparingLong(NodeOutcome::upAtNanos)).orElse(null);
    List<String> remote = assignments.stream().map(Assignment::remoteNote).filter(java.util.Objects::nonNull).toList();
    String message = (failedModify == null ? "" : failedModify + "; ")
        + "experiment is active with " + assignments.size() + " node(s)"
        + (remote.isEmpty() ? "" : "; " + NodeNames.firstOf(remote, "; "))
        + (nonfatal.isEmpty() ? "" : "; failed (nonfatal): " + NodeNames.firstOf(nonfatal, "; "));
    Experiment before = experiments.experiment(experimentId);
    if (before.maxDurationMinutes() != null) {
      // Scheduled before the outcome commits, so whoever sees the experiment active also sees its swap-out due.
      AutoSwapOut.schedule(engine, before, engine.clock().now().plus(Duration.ofMinutes(before.maxDurationMinutes())));
    }
    experiments.finishSwapIn(operationId, experimentId, totalMs, last == null ? null : last.loadMs(),
        last == null ? null : last.bootMs(), failedModify == null, nonfatal.size(), message,
        Notifications.experiment(failedModify == null ? "succeeded" : "failed", message));
  }

  private void failAndRelease(String operationId, Long experimentId, List<String> history, String why, long started) {
    String message = why + (history.isEmpty() ? "" : " [" + String.join(" | ", history) + "]")
        + "; every node was released";
    ExperimentStore.Released released = experiments.failSwapIn(operationId, experimentId,
        (engine.clock().nanos() - started) / 1_000_000, message, Notifications.experiment("failed", message));
    released.nodes().forEach(n -> engine.driver().power(n, PowerAction.OFF));
    released.reload().ifPresent(reloads::schedule);
  }

  private void finish(String operationId, boolean ok, ExperimentState state, int failed, String message) {
    experiments.finish(operationId, ok, state, failed, message);
  }

  private void log(Long experimentId, String line) {
    experiments.log(experimentId, line);
  }
}
