package org.nsbed.scheduler.provisioning;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.NodeStatus;
import org.nsbed.provisioner.persistence.Database;

/**
 * Writes node progress into the experiments' node rows, where {@code expinfo} and the live
 * display of any nsbed process read it. Updates are coalesced per node and written in one
 * transaction every {@value #PERIOD_MS} ms, so 50 loading nodes cost a few writes a second.
 */
public final class NodeProgressWriter implements ProgressSink, AutoCloseable {
  static final long PERIOD_MS = 200;

  private record Update(NodeStatus status, long done, long total, String reason) {}

  private final Database db;
  private final Map<String, ExperimentNode.Key> rows;
  private final Map<String, Update> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService flusher;

  /** @param rows physical node → the experiment node row it updates */
  public NodeProgressWriter(Database db, Map<String, ExperimentNode.Key> rows) {
    this.db = db;
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
    if (rows.containsKey(node)) {
      pending.put(node, new Update(status, bytesDone, bytesTotal, reason));
    }
  }

  private synchronized void flush() {
    if (pending.isEmpty()) {
      return;
    }
    Map<String, Update> batch = new java.util.HashMap<>();
    for (String node : pending.keySet()) {
      Update u = pending.remove(node);
      if (u != null) {
        batch.put(node, u);
      }
    }
    db.run(s -> batch.forEach((node, u) -> {
      ExperimentNode row = s.find(ExperimentNode.class, rows.get(node));
      if (row != null) {
        row.progress(u.status(), u.done(), u.total(), u.reason());
      }
    }));
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
