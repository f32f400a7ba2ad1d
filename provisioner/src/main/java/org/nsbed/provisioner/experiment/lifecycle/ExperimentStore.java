package org.nsbed.provisioner.experiment.lifecycle;

import jakarta.persistence.OptimisticLockException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.StaleStateException;
import org.nsbed.provisioner.access.Principal;
import org.nsbed.provisioner.access.PrincipalReads;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.catalog.ImageResolver;
import org.nsbed.provisioner.catalog.Node;
import org.nsbed.provisioner.catalog.NodeNames;
import org.nsbed.provisioner.catalog.OsidResolutionException;
import org.nsbed.provisioner.catalog.Project;
import org.nsbed.provisioner.catalog.User;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.ExperimentRepository;
import org.nsbed.provisioner.experiment.ExperimentState;
import org.nsbed.provisioner.mapping.ExperimentTopology;
import org.nsbed.provisioner.mapping.MappingFailure;
import org.nsbed.provisioner.mapping.Reservations;
import org.nsbed.provisioner.mapping.Reservations.Assignment;
import org.nsbed.provisioner.persistence.ConcurrentChangeException;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.provisioner.testbed.TestbedFile;

/**
 * The experiments, their operations and their nodes as the swap engine changes them. Each method
 * is one transaction: what it changes commits together or not at all (a reservation with its log
 * lines, an outcome with its notification), and it returns plain values, detached from any
 * session. Refusals are {@link LifecycleException}s, a change lost to another transaction a
 * {@link ConcurrentChangeException}.
 *
 * <p>What happens outside the database happens after a method returned, so only for what
 * committed: the caller powers released nodes off and schedules the jobs of the operations a
 * method stored. Nodes an experiment lets go of move to the holding experiment {@value #HOLDING}
 * of {@value TestbedFile#SYSTEM_PROJECT} with a stored reload operation ({@link PendingReload})
 * instead of becoming free. The message about an outcome ({@link OutcomeMessage}) is stored in the
 * outcome's transaction and handed to the sender of {@link OutboxMessages} once it commits: once,
 * even when {@link Database} runs the transaction again.
 */
public final class ExperimentStore {
  /** The holding experiment of nodes waiting for their reload, in {@value TestbedFile#SYSTEM_PROJECT}. */
  public static final String HOLDING = "reloading";

  private final Database db;
  private final Path home;
  private final OutboxMessages outbox;

  /**
   * @param home the testbed home (image files)
   * @param outbox where the notifications of outcomes are queued
   */
  public ExperimentStore(Database db, Path home, OutboxMessages outbox) {
    this.db = db;
    this.home = home;
    this.outbox = outbox;
  }

  /** The operation, or null. */
  public Operation operation(String id) {
    return db.inTransaction(s -> s.find(Operation.class, id));
  }

  /** The experiment, or null. */
  public Experiment experiment(Long id) {
    return db.inTransaction(s -> s.find(Experiment.class, id));
  }

  /** The experiment {@code pid/eid}, if it exists. */
  public Optional<Experiment> find(String pid, String eid) {
    return db.inTransaction(s -> new ExperimentRepository(s).find(pid, eid));
  }

  /** Deletes the experiment {@code pid/eid} if it exists; it must hold no nodes. */
  public void deleteIfPresent(String pid, String eid) {
    db.run(s -> new ExperimentRepository(s).find(pid, eid).ifPresent(x -> new ExperimentRepository(s).delete(x)));
  }

  /** The queued or running operations of {@code kind}, oldest first. */
  public List<Operation> unfinished(Operation.Kind kind) {
    return db.inTransaction(s -> s.createSelectionQuery(
            "from Operation where kind = :k and state in (:q, :r) order by created", Operation.class)
        .setParameter("k", kind).setParameter("q", Operation.State.QUEUED)
        .setParameter("r", Operation.State.RUNNING).getResultList());
  }

  /** Operations of {@code kind} of an experiment that are queued (automatic swap-outs). */
  public List<Operation> pending(Long experimentId, Operation.Kind kind) {
    return db.inTransaction(s -> s.createSelectionQuery(
            "from Operation where experimentId = :e and kind = :k and state = :q", Operation.class)
        .setParameter("e", experimentId).setParameter("k", kind).setParameter("q", Operation.State.QUEUED)
        .getResultList());
  }

  /** The operation, or null, read in a read-only transaction (tried again like {@link Database#read}). */
  public Operation readOperation(String id) {
    return db.read(s -> s.find(Operation.class, id));
  }

  /** The operations with these ids that exist. */
  public List<Operation> operations(Collection<String> ids) {
    return db.query(s -> s.createSelectionQuery("from Operation where id in (:ids)", Operation.class)
        .setParameter("ids", ids).getResultList());
  }

  /** Every queued or running operation. */
  public List<Operation> unfinishedOperations() {
    return db.inTransaction(s -> s.createSelectionQuery("from Operation where state in (:q, :r)", Operation.class)
        .setParameter("q", Operation.State.QUEUED).setParameter("r", Operation.State.RUNNING).getResultList());
  }

  /** The operations that finished at or after {@code since}, in the order they finished. */
  public List<Operation> finishedSince(Instant since) {
    return db.inTransaction(s -> s.createSelectionQuery("from Operation where finished >= :t order by finished",
        Operation.class).setParameter("t", since).getResultList());
  }

  /** The project of an experiment; empty if it does not exist (read-only, tried again like {@link Database#read}). */
  public Optional<String> projectOf(Long experimentId) {
    return Optional.ofNullable(db.read(s -> {
      Experiment e = s.find(Experiment.class, experimentId);
      return e == null ? null : e.project().pid();
    }));
  }

  /** The operations that hold an experiment's lock. */
  public List<String> lockingOperations() {
    return db.inTransaction(s -> s.createSelectionQuery("from ExperimentRun where operation is not null",
        ExperimentRun.class).getResultList()).stream().map(ExperimentRun::operationId)
        .filter(java.util.Objects::nonNull).toList();
  }

  /** The queued or running operations of nodes and images (of no experiment). */
  public List<Operation> unfinishedNodeOperations() {
    return db.inTransaction(s -> s.createSelectionQuery(
        "from Operation where state in (:q, :r) and experimentId is null", Operation.class)
        .setParameter("q", Operation.State.QUEUED).setParameter("r", Operation.State.RUNNING).getResultList());
  }

  /** The physical nodes an experiment holds, by virtual node name. */
  public List<String> nodesOf(Long experimentId) {
    return db.inTransaction(s -> new ExperimentRepository(s).nodesOf(s.find(Experiment.class, experimentId))
        .stream().map(Node::name).toList());
  }

  /**
   * The experiment as {@code expinfo} shows it, with the last {@code logLines} lines of its log,
   * if {@code user} may see it: a member of its project or a testbed admin.
   *
   * @throws LifecycleException for an unknown user, a user outside the project, or no such experiment
   */
  public ExperimentView view(String pid, String eid, String user, int logLines) {
    return db.query(s -> {
      ProjectAccess.require(new PrincipalReads(s).ofUser(user).orElseThrow(() -> ProjectAccess.unknownUser(user)), pid);
      return new ExperimentReads(s).one(pid, eid, logLines).orElseThrow(() -> notFound(pid, eid));
    });
  }

  /** As {@link #view(String, String, String, int)} for a caller whose access was already read. */
  public ExperimentView view(String pid, String eid, Principal caller, int logLines) {
    ProjectAccess.require(caller, pid);
    return db.query(s -> new ExperimentReads(s).one(pid, eid, logLines).orElseThrow(() -> notFound(pid, eid)));
  }

  /** The NS file {@code pid/eid} runs on, for {@code user} (a member of the project, or an admin). */
  public String nsFile(String pid, String eid, String user) {
    return db.query(s -> {
      ProjectAccess.require(new PrincipalReads(s).ofUser(user).orElseThrow(() -> ProjectAccess.unknownUser(user)), pid);
      return s.createSelectionQuery("select e.nsFile from Experiment e where e.project.pid = :pid and e.eid = :eid",
          String.class).setParameter("pid", pid).setParameter("eid", eid).getResultStream().findFirst()
          .orElseThrow(() -> notFound(pid, eid));
    });
  }

  /** The experiments {@code user} may see: those of their projects, or all for a testbed admin. */
  public List<ExperimentView> visibleTo(String user) {
    return db.query(s -> {
      Principal p = new PrincipalReads(s).ofUser(user).orElseThrow(() -> ProjectAccess.unknownUser(user));
      return new ExperimentReads(s).all().stream().filter(v -> p.mayActIn(v.experiment().pid())).toList();
    });
  }

  /** Every experiment, for a reader that applies the project rules itself. */
  public List<ExperimentView> all() {
    return db.query(s -> new ExperimentReads(s).all());
  }

  /** Active experiments with an idle-swap setting that no operation holds. */
  public List<Experiment> idleSwapCandidates() {
    return db.inTransaction(s -> new ExperimentRepository(s).all().stream()
        .filter(e -> e.state() == ExperimentState.ACTIVE && e.idleSwapMinutes() != null
            && !new ExperimentLifecycle(s).run(e).locked())
        .toList());
  }

  /**
   * Stores a new experiment, state {@code swapped}, created by {@code user} in project {@code pid}.
   *
   * @throws LifecycleException if the project or the user is unknown, the user may not act in the
   *     project, or the experiment exists
   */
  public Experiment create(String pid, String eid, String user, String description, String nsText, String irJson,
      Integer maxDurationMinutes, Integer idleSwapMinutes) {
    return db.inTransaction(s -> {
      CatalogRepository catalog = new CatalogRepository(s);
      Project project = catalog.project(pid).orElseThrow(() -> LifecycleException.notFound("no such project: " + pid));
      User u = ProjectAccess.actingUser(catalog, user, pid);
      ExperimentRepository experiments = new ExperimentRepository(s);
      if (experiments.find(pid, eid).isPresent()) {
        throw new LifecycleException("experiment " + pid + "/" + eid + " already exists; end it first (nsbed endexp -e "
            + pid + "," + eid + ") or choose another name");
      }
      Experiment e = new Experiment(project, eid, u, nsText, irJson);
      e.setDescription(description == null ? "" : description);
      e.setMaxDurationMinutes(maxDurationMinutes);
      e.setIdleSwapMinutes(idleSwapMinutes);
      e.setState(ExperimentState.SWAPPED);
      experiments.add(e);
      s.flush();
      new ExperimentLifecycle(s).log(e, "created by " + user + "; NS file stored and parsed");
      return e;
    });
  }

  /**
   * Starts an operation of {@code kind} on {@code pid/eid} for {@code user}: state change and lock
   * ({@link ExperimentLifecycle#begin}); its job is the caller's to schedule.
   *
   * @throws LifecycleException if the user may not, the experiment does not exist, is busy or in
   *     the wrong state
   */
  public Operation begin(String pid, String eid, String user, Operation.Kind kind) {
    return db.inTransaction(s -> new ExperimentLifecycle(s).begin(find(s, pid, eid, user), kind, user));
  }

  /** A modify started: its operation and the NS file it replaced, which a failed modify goes back to. */
  public record Modification(Operation op, String previousNsFile, String previousIrJson) {}

  /**
   * Replaces an experiment's NS file: a swapped experiment just takes it (empty); an active one
   * starts a modify.
   *
   * @throws LifecycleException if the user may not, the experiment does not exist, or is busy
   */
  public Optional<Modification> modify(String pid, String eid, String user, String nsText, String irJson) {
    return Optional.ofNullable(db.inTransaction(s -> {
      Experiment e = find(s, pid, eid, user);
      if (e.state() == ExperimentState.SWAPPED || e.state() == ExperimentState.NEW) {
        if (new ExperimentLifecycle(s).run(e).locked()) {
          throw new LifecycleException("experiment " + e.qualifiedName() + " is busy; try again when it is done");
        }
        e.setNsFile(nsText, irJson);
        new ExperimentLifecycle(s).log(e, "NS file replaced by " + user);
        return null;
      }
      Operation o = new ExperimentLifecycle(s).begin(e, Operation.Kind.MODIFY, user);
      Modification m = new Modification(o, e.nsFile(), e.irJson());
      e.setNsFile(nsText, irJson);
      return m;
    }));
  }

  private static Experiment find(Session s, String pid, String eid, String user) {
    ProjectAccess.actingUser(new CatalogRepository(s), user, pid);
    return new ExperimentRepository(s).find(pid, eid).orElseThrow(() -> notFound(pid, eid));
  }

  /** The refusal for an experiment that does not exist. */
  public static LifecycleException notFound(String pid, String eid) {
    return LifecycleException.notFound("no experiment " + pid + "/" + eid + " (nsbed startexp creates one)");
  }

  /** Appends a line to the experiment's log. */
  public void log(Long experimentId, String line) {
    db.run(s -> new ExperimentLifecycle(s).log(s.find(Experiment.class, experimentId), line));
  }

  /** Appends a line to the experiment's log if the experiment still exists. */
  public void logIfPresent(Long experimentId, String line) {
    db.run(s -> {
      Experiment e = s.find(Experiment.class, experimentId);
      if (e != null) {
        new ExperimentLifecycle(s).log(e, line);
      }
    });
  }

  /** Marks an operation running. */
  public void start(String operationId) {
    db.run(s -> s.find(Operation.class, operationId).start());
  }

  /** Ends an operation that changes no experiment's state (a cancelled automatic swap-out). */
  public void close(String operationId, boolean ok, int failedNodes, String message) {
    db.run(s -> s.find(Operation.class, operationId).finish(ok, failedNodes, message));
  }

  /**
   * Stores a new operation of {@code kind} on the experiment, requested by {@code user}, and logs
   * {@code line}; its job is the caller's to schedule.
   */
  public Operation store(Operation.Kind kind, Long experimentId, String user, String line) {
    return db.inTransaction(s -> {
      Operation o = new Operation(kind, experimentId, user);
      s.persist(o);
      new ExperimentLifecycle(s).log(s.find(Experiment.class, experimentId), line);
      return o;
    });
  }

  /**
   * Ends the operation with the experiment in {@code state}, releasing its lock.
   */
  public void finish(String operationId, boolean ok, ExperimentState state, int failedNodes, String message) {
    db.run(s -> {
      Operation op = s.find(Operation.class, operationId);
      Experiment exp = s.find(Experiment.class, op.experimentId());
      new ExperimentLifecycle(s).finish(exp, op, ok, state, failedNodes, message);
    });
  }

  /**
   * Marks a swap-in (or modify) running and returns its experiment; {@code resumedLine}, if not
   * null, goes to the experiment's log (the operation resumes after a crash).
   */
  public Experiment startSwapIn(String operationId, String resumedLine) {
    return db.inTransaction(s -> {
      Operation op = s.find(Operation.class, operationId);
      Experiment e = s.find(Experiment.class, op.experimentId());
      op.start();
      if (resumedLine != null) {
        new ExperimentLifecycle(s).log(e, op.kind().label() + " " + resumedLine);
      }
      return e;
    });
  }

  /** Puts an experiment back on its previous NS file (a modify that failed) and logs {@code line}. */
  public void revertNsFile(Long experimentId, String nsFile, String irJson, String line) {
    db.run(s -> {
      Experiment e = s.find(Experiment.class, experimentId);
      e.setNsFile(nsFile, irJson);
      new ExperimentLifecycle(s).log(e, line);
    });
  }

  /** The nodes of a reservation, and the reload of nodes it no longer holds. */
  public record Reserved(List<Assignment> assignments, Optional<PendingReload> reload) {}

  /**
   * Maps the experiment's topology and reserves its nodes for swap-in attempt {@code attempt},
   * never on the {@code excluded} nodes; nodes it held that the mapping no longer needs (a modify)
   * go to their reload.
   *
   * @throws MappingFailure if the topology cannot be mapped (nothing changed)
   * @throws ConcurrentChangeException if another transaction reserved one of the nodes first
   *     (nothing changed; mapping again may succeed)
   */
  public Reserved reserve(Long experimentId, ExperimentTopology topology, Set<String> excluded, int attempt)
      throws MappingFailure {
    try {
      return db.inTransaction(s -> {
        Experiment e = s.find(Experiment.class, experimentId);
        new ExperimentLifecycle(s).run(e).setAttempt(attempt);
        List<String> before = new ExperimentRepository(s).nodesOf(e).stream().map(Node::name).toList();
        List<Assignment> assignments;
        try {
          assignments = new Reservations(s, home).reserve(e, topology, excluded);
        } catch (MappingFailure f) {
          throw new MappingFailureHolder(f);
        }
        // Nodes a modify no longer needs go to their reload like swapped-out nodes.
        Set<String> kept = new HashSet<>();
        assignments.forEach(a -> kept.add(a.physical()));
        s.flush();
        return new Reserved(assignments, hold(s, e, before.stream().filter(n -> !kept.contains(n)).toList()));
      });
    } catch (MappingFailureHolder h) {
      throw h.failure;
    } catch (OptimisticLockException | StaleStateException e) {
      throw new ConcurrentChangeException("another transaction reserved nodes of experiment " + experimentId
          + " first", e);
    }
  }

  /**
   * Maps and reserves every node of the experiment in one transaction and nothing else (no run
   * row, no log line): the reservation alone, as the swap-in benchmark times it.
   *
   * @throws MappingFailure if the topology cannot be mapped (nothing changed)
   */
  public List<Assignment> reserveOnly(Long experimentId) throws MappingFailure {
    try {
      return db.inTransaction(s -> {
        Experiment e = s.find(Experiment.class, experimentId);
        try {
          return new Reservations(s, home).reserve(e, ExperimentTopology.fromIrJson(e.irJson()), Set.of());
        } catch (MappingFailure f) {
          throw new MappingFailureHolder(f);
        }
      });
    } catch (MappingFailureHolder h) {
      throw h.failure;
    }
  }

  /** Frees every node of the experiment and drops its node rows, with no reload and no log line. */
  public void releaseOnly(Long experimentId) {
    db.run(s -> {
      Experiment e = s.find(Experiment.class, experimentId);
      Reservations r = new Reservations(s, home);
      r.releaseAll(e);
      r.experimentNodes(experimentId).forEach(s::remove);
    });
  }

  /** The experiment's run row (its last swap-in's timings), created on first use. */
  public ExperimentRun run(Long experimentId) {
    return db.inTransaction(s -> new ExperimentLifecycle(s).run(s.find(Experiment.class, experimentId)));
  }

  /** The experiment's per-node rows, by virtual node name. */
  public List<ExperimentNode> nodeRows(Long experimentId) {
    return db.inTransaction(s -> new Reservations(s, home).experimentNodes(experimentId));
  }

  /** Carries a checked mapping failure out of the transaction (which rolls back on it). */
  private static final class MappingFailureHolder extends RuntimeException {
    final MappingFailure failure;

    MappingFailureHolder(MappingFailure failure) {
      super(failure.getMessage(), null, false, false);
      this.failure = failure;
    }
  }

  /**
   * The newly reserved nodes whose disks provably hold the image their virtual node wants: the
   * same Image ID from a file with the same SHA-256, unchanged since it was loaded. Their rows
   * are marked as needing no load.
   */
  public Set<String> alreadyLoaded(Long experimentId, List<Assignment> assignments) {
    return db.inTransaction(s -> {
      CatalogRepository catalog = new CatalogRepository(s);
      catalog.nodes();
      Set<String> skip = new LinkedHashSet<>();
      List<String> vnames = new ArrayList<>();
      for (Assignment a : assignments) {
        if (a.newlyReserved() && catalog.node(a.physical()).orElseThrow()
            .diskHolds(a.image().image().qualifiedName(), a.image().image().sha256())) {
          skip.add(a.physical());
          vnames.add(a.vname());
        }
      }
      // One statement for the rows, not a read and an update per row.
      new ExperimentNodeWrites(s).skipLoad(experimentId, vnames);
      return skip;
    });
  }

  /** Records a swap-in attempt's load and boot times and what each node's disk holds now. */
  public void recordLoads(Long experimentId, List<LoadedNode> nodes) {
    db.run(s -> {
      CatalogRepository catalog = new CatalogRepository(s);
      // One query puts the nodes in the session, one JDBC batch writes the rows' timings.
      catalog.nodes();
      Map<ExperimentNode.Key, ExperimentNodeWrites.Timings> timings = new HashMap<>();
      nodes.forEach(n -> timings.put(new ExperimentNode.Key(experimentId, n.vname()),
          new ExperimentNodeWrites.Timings(n.loadMs(), n.bootMs())));
      new ExperimentNodeWrites(s).timings(timings);
      for (LoadedNode n : nodes) {
        Node node = catalog.node(n.node()).orElseThrow();
        switch (n.disk()) {
          case WRITTEN -> node.diskWritten();
          case UNKNOWN -> node.diskUnknown();
          case LOADED -> node.diskLoaded(n.image(), n.sha256(), false);
        }
      }
    });
  }

  /** Releases some of the experiment's nodes to their reload. */
  public Optional<PendingReload> release(Long experimentId, List<String> nodes) {
    return db.inTransaction(s -> {
      Experiment e = s.find(Experiment.class, experimentId);
      new Reservations(s, home).release(e, nodes);
      s.flush();
      return hold(s, e, nodes);
    });
  }

  /**
   * Ends a swap-in (or modify) with the experiment active: the run's timings, the outcome, the
   * unlock and the notification.
   */
  public void finishSwapIn(String operationId, Long experimentId, long totalMs, Long loadMs, Long bootMs,
      boolean ok, int failedNodes, String message, OutcomeMessage notification) {
    db.run(s -> {
      Experiment exp = s.find(Experiment.class, experimentId);
      Operation op = s.find(Operation.class, operationId);
      ExperimentLifecycle lifecycle = new ExperimentLifecycle(s);
      lifecycle.run(exp).timings(totalMs, loadMs, bootMs);
      lifecycle.finish(exp, op, ok, ExperimentState.ACTIVE, failedNodes, message);
      notify(s, op, exp, notification);
    });
  }

  /** The nodes an operation released, and their reload. */
  public record Released(List<String> nodes, Optional<PendingReload> reload) {}

  /**
   * Fails a swap-in (or modify): every node goes to its reload, the experiment is swapped, the
   * outcome and the notification are stored.
   */
  public Released failSwapIn(String operationId, Long experimentId, long totalMs, String message,
      OutcomeMessage notification) {
    return db.inTransaction(s -> {
      Experiment exp = s.find(Experiment.class, experimentId);
      Operation op = s.find(Operation.class, operationId);
      List<String> names = new Reservations(s, home).releaseAll(exp);
      s.flush();
      Optional<PendingReload> reload = hold(s, exp, names);
      ExperimentLifecycle lifecycle = new ExperimentLifecycle(s);
      lifecycle.run(exp).timings(totalMs, null, null);
      int failed = (int) new Reservations(s, home).experimentNodes(experimentId).stream()
          .filter(n -> n.status() == NodeStatus.FAILED).count();
      lifecycle.finish(exp, op, false, ExperimentState.SWAPPED, failed, message);
      notify(s, op, exp, notification);
      return new Released(names, reload);
    });
  }

  /** The start of a swap-out: its experiment, the nodes it holds, and whether it is an end. */
  public record SwapOutStart(Experiment experiment, List<String> nodes, Operation.Kind kind) {}

  /** Marks a swap-out (or end) running. */
  public SwapOutStart startSwapOut(String operationId) {
    return db.inTransaction(s -> {
      Operation op = s.find(Operation.class, operationId);
      op.start();
      Experiment e = s.find(Experiment.class, op.experimentId());
      List<String> nodes = new ExperimentRepository(s).nodesOf(e).stream().map(Node::name).toList();
      return new SwapOutStart(e, nodes, op.kind());
    });
  }

  /**
   * Ends a swap-out: every node goes to its reload, the per-node rows go, the experiment is
   * swapped (or, for an end, ended and deleted), and the outcome and its notification are stored.
   */
  public Optional<PendingReload> finishSwapOut(String operationId, Long experimentId, boolean end, String message,
      OutcomeMessage notification) {
    return db.inTransaction(s -> {
      Experiment exp = s.find(Experiment.class, experimentId);
      Operation op = s.find(Operation.class, operationId);
      Reservations reservations = new Reservations(s, home);
      List<String> released = reservations.releaseAll(exp);
      s.flush();
      Optional<PendingReload> pending = hold(s, exp, released);
      // A swapped-out experiment has no nodes; the per-node rows describe the next swap-in only.
      reservations.experimentNodes(exp.id()).forEach(s::remove);
      ExperimentLifecycle lifecycle = new ExperimentLifecycle(s);
      if (end && exp.state() == ExperimentState.SWAPPING) {
        exp.setState(ExperimentState.SWAPPED);
        exp.setState(ExperimentState.TERMINATING);
      }
      lifecycle.finish(exp, op, true, end ? ExperimentState.ENDED : ExperimentState.SWAPPED, 0, message);
      notify(s, op, exp, notification);
      if (end) {
        // endexp deletes the experiment (its runs, node rows and log go with it; the mail stays) in
        // the transaction that finishes the operation: whoever sees it done finds no experiment.
        s.flush();
        new ExperimentRepository(s).delete(exp);
      }
      return pending;
    });
  }

  /**
   * Turns a due automatic swap-out into a swap-out requested by {@code user}, if the experiment is
   * still active and not busy; the automatic one ends either way. Returns the swap-out's id, or
   * null if none was started.
   */
  public String startAutoSwapOut(String autoOperationId, String user) {
    return db.inTransaction(s -> {
      Operation auto = s.find(Operation.class, autoOperationId);
      Experiment e = s.find(Experiment.class, auto.experimentId());
      ExperimentRun run = new ExperimentLifecycle(s).run(e);
      if (e.state() != ExperimentState.ACTIVE || run.locked()) {
        auto.finish(true, 0, "not needed: experiment is " + e.state().label()
            + (run.locked() ? " and busy with " + run.operation() : ""));
        return null;
      }
      try {
        Operation op = new ExperimentLifecycle(s).begin(e, Operation.Kind.SWAPOUT, user);
        auto.finish(true, 0, "maximum duration reached; swap-out " + op.id() + " started");
        return op.id();
      } catch (LifecycleException ex) {
        auto.finish(false, 0, ex.getMessage());
        return null;
      }
    });
  }

  /**
   * Logs {@code line} and queues the message {@code compose} writes about the experiment, in one
   * transaction: it is sent once that commits.
   */
  public void notify(Long experimentId, String line, Function<Experiment, OutboxMessage> compose) {
    db.run(s -> {
      Experiment exp = s.find(Experiment.class, experimentId);
      OutboxMessage m = compose.apply(exp);
      ExperimentLifecycle lifecycle = new ExperimentLifecycle(s);
      lifecycle.log(exp, line);
      outbox.queue(s, m, l -> lifecycle.log(exp, l));
    });
  }

  /**
   * Starts the swap-out of an experiment idle for {@code idleMinutes}, on its creator's behalf (so
   * that the swap-out's message goes to the one who got the warning); empty if it is busy or no
   * longer active.
   */
  public Optional<Operation> beginIdleSwapOut(Long experimentId, long idleMinutes) {
    return Optional.ofNullable(db.inTransaction(s -> {
      Experiment exp = s.find(Experiment.class, experimentId);
      try {
        Operation o = new ExperimentLifecycle(s).begin(exp, Operation.Kind.SWAPOUT, exp.creator().name());
        new ExperimentLifecycle(s).log(exp, "idle for " + idleMinutes + " min (idle-swap setting "
            + exp.idleSwapMinutes() + " min): swap-out " + o.id() + " started");
        return o;
      } catch (LifecycleException busy) {
        return null;
      }
    }));
  }

  /**
   * Frees nodes held by experiments that are neither active nor being changed, and nodes waiting
   * for a reload that no operation will do any more. Returns the freed nodes.
   */
  public List<String> releaseStrayNodes() {
    return db.inTransaction(s -> {
      boolean reloadPending = !s.createSelectionQuery("from Operation where kind = :k and state in (:q, :r)",
              Operation.class).setParameter("k", Operation.Kind.RELOAD).setParameter("q", Operation.State.QUEUED)
          .setParameter("r", Operation.State.RUNNING).setMaxResults(1).getResultList().isEmpty();
      List<String> names = new java.util.ArrayList<>();
      for (Node n : new CatalogRepository(s).nodes()) {
        Experiment e = n.experiment();
        if (e == null) {
          continue;
        }
        ExperimentRun run = s.find(ExperimentRun.class, e.id());
        boolean busy = run != null && run.locked();
        boolean orphanedReload = e.eid().equals(HOLDING) && e.project().pid().equals(TestbedFile.SYSTEM_PROJECT)
            && !reloadPending;
        if (orphanedReload || !busy && e.state() != ExperimentState.ACTIVE) {
          n.release();
          new ExperimentLifecycle(s).log(e, "node " + n.name() + " released: the experiment is " + e.state().label());
          names.add(n.name());
        }
      }
      return names;
    });
  }

  /**
   * Fails an operation cleanly: a swap-in or modify releases every node and returns the
   * experiment to swapped; a swap-out or end still releases the nodes and completes its state
   * change; the lock is released. Returns the released nodes.
   */
  public List<String> fail(String operationId, String message, OutcomeMessage notification) {
    return db.inTransaction(s -> {
      Operation op = operationId == null ? null : s.find(Operation.class, operationId);
      if (op != null && op.state().finished()) {
        return List.of();
      }
      Long experimentId = op != null ? op.experimentId() : null;
      if (experimentId == null) {
        if (op != null) {
          op.finish(false, op.failedNodes(), message);
        }
        return List.of();
      }
      Experiment e = s.find(Experiment.class, experimentId);
      ExperimentLifecycle lifecycle = new ExperimentLifecycle(s);
      List<String> released = new Reservations(s, home).releaseAll(e);
      ExperimentState next = switch (e.state()) {
        case TERMINATING -> ExperimentState.ENDED;
        default -> ExperimentState.SWAPPED;
      };
      if (e.state() == ExperimentState.SWAPPING && op.kind() == Operation.Kind.END) {
        next = ExperimentState.ENDED;
      }
      lifecycle.finish(e, op, false, next, op.failedNodes(), message);
      notify(s, op, e, notification);
      return released;
    });
  }

  /** Queues the notification of an outcome in the transaction of {@code s}. */
  private void notify(Session s, Operation op, Experiment e, OutcomeMessage notification) {
    List<ExperimentNode> rows = new Reservations(s, home).experimentNodes(e.id());
    OutboxMessage m = notification.compose(op, e, rows);
    ExperimentLifecycle lifecycle = new ExperimentLifecycle(s);
    outbox.queue(s, m, line -> lifecycle.log(e, line));
  }

  /**
   * Inside the caller's transaction: moves {@code nodes} (just released by {@code from}) to the
   * holding experiment and stores the reload operation. Nodes whose type has no default image are
   * left free. Empty if there is no system project to hold them.
   */
  private Optional<PendingReload> hold(Session s, Experiment from, List<String> nodes) {
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
    ImageResolver resolver = new ImageResolver(catalog, home);
    Map<String, String> loads = new LinkedHashMap<>();
    // Each type's default image is resolved once: a query per node would first flush every node
    // reserved so far, which makes the swap-out of many nodes quadratic.
    Map<String, Object> defaults = new HashMap<>();
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
    return Optional.of(new PendingReload(op, loads));
  }
}
