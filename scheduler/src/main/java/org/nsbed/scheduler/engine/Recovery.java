package org.nsbed.scheduler.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hibernate.Session;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.catalog.Node;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.ExperimentState;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentLifecycle;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentRun;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.mapping.Reservations;
import org.nsbed.provisioner.node.PowerAction;
import org.nsbed.provisioner.testbed.TestbedFile;
import org.nsbed.scheduler.image.Reloads;
import org.nsbed.scheduler.notification.Notifications;

/**
 * Keeps the database consistent when work is cut short: an operation whose job is gone (the
 * process died before scheduling it, or its work threw) is failed cleanly, and no node stays
 * reserved to an experiment that is not being swapped in or active. A job that Quartz still holds
 * is left alone: Quartz re-runs it (marked as recovering) and it resumes.
 */
public final class Recovery {
  private final Engine engine;

  public Recovery(Engine engine) {
    this.engine = engine;
  }

  /**
   * A process stores an operation and then its job, in two steps: an operation seen without its
   * job may belong to a live process (another server of the cluster) between the two. It counts
   * as orphaned only if its job is still missing this long after.
   */
  static final Duration SCHEDULING_GRACE = Duration.ofSeconds(2);

  /** Run when a scheduler starts. */
  public void reconcile() {
    Map<String, String> suspects = withoutJob();
    if (!suspects.isEmpty()) {
      try {
        Thread.sleep(SCHEDULING_GRACE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      Map<String, String> still = withoutJob();
      suspects.forEach((id, message) -> {
        if (still.containsKey(id)) {
          failOperation(id, message);
        }
      });
    }
    releaseStrayNodes();
    removePartialImageFiles();
  }

  /**
   * Unfinished operations (of experiments, or of nodes and images) whose job Quartz does not hold,
   * with the message each fails with.
   */
  private Map<String, String> withoutJob() {
    Map<String, String> ids = new LinkedHashMap<>();
    List<ExperimentRun> locked = engine.db().inTransaction(s ->
        s.createSelectionQuery("from ExperimentRun where operation is not null", ExperimentRun.class).getResultList());
    for (ExperimentRun run : locked) {
      if (run.operationId() != null && !engine.jobExists(run.operationId())) {
        ids.put(run.operationId(), "nsbed stopped before this operation could run; nothing was left reserved");
      }
    }
    List<Operation> orphans = engine.db().inTransaction(s -> s.createSelectionQuery(
        "from Operation where state in (:q, :r) and experimentId is null", Operation.class)
        .setParameter("q", Operation.State.QUEUED).setParameter("r", Operation.State.RUNNING).getResultList());
    for (Operation op : orphans) {
      if (!engine.jobExists(op.id())) {
        ids.put(op.id(), "nsbed stopped during this operation");
      }
    }
    return ids;
  }

  /**
   * Removes the partial files ({@code .NAME.ndz...part}) that a capture killed part way left in
   * the image folders. A capture writes its image to such a file and renames it only when it is
   * complete, so a partial file is never an image; it is only removed when no create_image is
   * queued or running, since another live process might be writing it.
   */
  private void removePartialImageFiles() {
    boolean capturing = !engine.unfinished(Operation.Kind.CREATEIMAGE).isEmpty();
    Path projects = engine.settings().home().resolve("proj");
    if (capturing || !Files.isDirectory(projects)) {
      return;
    }
    try (Stream<Path> files = Files.walk(projects, 3)) {
      for (Path f : files.filter(f -> f.getParent().getFileName().toString().equals("images")
          && f.getFileName().toString().startsWith(".") && f.getFileName().toString().endsWith(".part")).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove partial image files under " + projects + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Frees nodes held by experiments that are neither active nor being changed, and nodes waiting
   * for a reload that no operation will do any more.
   */
  private void releaseStrayNodes() {
    List<String> freed = engine.db().inTransaction(s -> {
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
        boolean orphanedReload = e.eid().equals(Reloads.HOLDING) && e.project().pid().equals(TestbedFile.SYSTEM_PROJECT)
            && !reloadPending;
        if (orphanedReload || !busy && e.state() != ExperimentState.ACTIVE) {
          n.release();
          new ExperimentLifecycle(s).log(e, "node " + n.name() + " released: the experiment is " + e.state().label());
          names.add(n.name());
        }
      }
      return names;
    });
    freed.forEach(n -> engine.driver().power(n, PowerAction.OFF));
  }

  /**
   * Fails an operation cleanly: a swap-in or modify releases every node and returns the
   * experiment to swapped; a swap-out or end still releases the nodes and completes its state
   * change; the lock is released.
   */
  public void failOperation(String operationId, String message) {
    List<String> released = engine.db().inTransaction(s -> fail(s, operationId, message));
    released.forEach(n -> engine.driver().power(n, PowerAction.OFF));
  }

  private List<String> fail(Session s, String operationId, String message) {
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
    List<String> released = new Reservations(s, engine.settings().home()).releaseAll(e);
    ExperimentState next = switch (e.state()) {
      case TERMINATING -> ExperimentState.ENDED;
      default -> ExperimentState.SWAPPED;
    };
    if (e.state() == ExperimentState.SWAPPING && op.kind() == Operation.Kind.END) {
      next = ExperimentState.ENDED;
    }
    lifecycle.finish(e, op, false, next, op.failedNodes(), message);
    Notifications.experiment(s, engine.outbox(), engine.settings().home(), op, e, "failed", message);
    return released;
  }
}
