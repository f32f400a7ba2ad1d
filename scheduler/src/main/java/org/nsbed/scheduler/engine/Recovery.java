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
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.node.PowerAction;
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
   * as orphaned only if its job is still missing this long after, on the engine's clock.
   */
  public static final Duration SCHEDULING_GRACE = Duration.ofSeconds(2);

  /** Run when a scheduler starts. */
  public void reconcile() {
    Map<String, String> suspects = withoutJob();
    if (!suspects.isEmpty()) {
      try {
        engine.clock().sleep(SCHEDULING_GRACE);
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
    for (String locking : engine.experiments().lockingOperations()) {
      if (!engine.jobExists(locking)) {
        ids.put(locking, "nsbed stopped before this operation could run; nothing was left reserved");
      }
    }
    List<Operation> orphans = engine.experiments().unfinishedNodeOperations();
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
    List<String> freed = engine.experiments().releaseStrayNodes();
    freed.forEach(n -> engine.driver().power(n, PowerAction.OFF));
  }

  /**
   * Fails an operation cleanly: a swap-in or modify releases every node and returns the
   * experiment to swapped; a swap-out or end still releases the nodes and completes its state
   * change; the lock is released.
   */
  public void failOperation(String operationId, String message) {
    List<String> released = engine.experiments().fail(operationId, message,
        Notifications.experiment("failed", message));
    released.forEach(n -> engine.driver().power(n, PowerAction.OFF));
  }
}
