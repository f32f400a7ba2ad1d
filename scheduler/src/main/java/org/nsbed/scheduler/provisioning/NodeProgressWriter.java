package org.nsbed.scheduler.provisioning;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNodeWrites;
import org.nsbed.provisioner.experiment.lifecycle.NodeStatus;
import org.nsbed.provisioner.experiment.lifecycle.NodeStore;

/**
 * Writes node progress into the experiments' node rows, where {@code expinfo} and the live
 * display of any nsbed process read it. Updates are coalesced per node and written in one
 * transaction every {@value #PERIOD_MS} ms, and a load's progress only when it reaches another
 * tenth, so even a thousand loading nodes cost a few hundred row writes a second.
 */
public final class NodeProgressWriter implements ProgressSink, AutoCloseable {
  static final long PERIOD_MS = 200;
  /** A load's progress is written when it reaches another tenth. */
  private static final int STEPS = 10;

  private record Update(NodeStatus status, long done, long total, String reason) {}

  private final NodeStore nodes;
  private final Map<String, ExperimentNode.Key> rows;
  private final Map<String, Update> pending = new ConcurrentHashMap<>();
  /** Per node, the last update passed on to {@link #pending}. */
  private final Map<String, Update> recorded = new ConcurrentHashMap<>();
  private final ScheduledExecutorService flusher;

  /** @param rows physical node → the experiment node row it updates */
  public NodeProgressWriter(NodeStore nodes, Map<String, ExperimentNode.Key> rows) {
    this.nodes = nodes;
    this.rows = Map.copyOf(rows);
    this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "node-progress-writer");
      t.setDaemon(true);
      return t;
    });
    flusher.scheduleWithFixedDelay(this::flush, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void update(String node, NodeStatus status, long bytesDone, long bytesTotal, String reason) {
    if (!rows.containsKey(node)) {
      return;
    }
    Update next = new Update(status, bytesDone, bytesTotal, reason);
    Update previous = recorded.put(node, next);
    if (previous != null && previous.status() == status && status == NodeStatus.LOADING && bytesDone < bytesTotal
        && bytesDone / Math.max(1, bytesTotal / STEPS) == previous.done() / Math.max(1, bytesTotal / STEPS)) {
      // Same tenth of the load as last time: readers show tenths at most, and a thousand
      // loading nodes would otherwise rewrite a thousand rows five times a second.
      recorded.put(node, previous);
      return;
    }
    pending.put(node, next);
  }

  private synchronized void flush() {
    if (pending.isEmpty()) {
      return;
    }
    Map<ExperimentNode.Key, ExperimentNodeWrites.Progress> batch = new java.util.HashMap<>();
    for (String node : pending.keySet()) {
      Update u = pending.remove(node);
      if (u != null) {
        batch.put(rows.get(node), new ExperimentNodeWrites.Progress(u.status(), u.done(), u.total(), u.reason()));
      }
    }
    // One transaction and one JDBC batch for every row that changed.
    nodes.progress(batch);
  }

  /** Stops the periodic writes after writing what is pending. */
  @Override
  public void close() {
    flusher.shutdown();
    try {
      flusher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}
