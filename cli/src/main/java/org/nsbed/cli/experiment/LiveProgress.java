package org.nsbed.cli.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.NodeStatus;

/**
 * Live per-node progress of a long operation, read from the database (so it works whichever
 * process runs the job): on a terminal one progress bar per multicast session (image), otherwise
 * one plain line per node whenever its status changes or its load passes another quarter.
 */
final class LiveProgress implements AutoCloseable {
  private final Supplier<List<ExperimentNode>> source;
  private final List<String> physicalNodes;
  private final boolean enabled;
  private final boolean terminal = System.console() != null;
  private final Map<String, String> lastLine = new HashMap<>();
  private final Map<String, ProgressBar> bars = new LinkedHashMap<>();
  private List<ExperimentNode> rows = List.of();

  /**
   * @param source the current rows of the experiments whose nodes to show
   * @param physicalNodes if non-empty, only these physical nodes
   */
  LiveProgress(Supplier<List<ExperimentNode>> source, List<String> physicalNodes, boolean enabled) {
    this.source = source;
    this.physicalNodes = physicalNodes;
    this.enabled = enabled;
  }

  /** The rows last read. */
  List<ExperimentNode> rows() {
    return rows;
  }

  void tick() {
    List<ExperimentNode> now = new ArrayList<>();
    for (ExperimentNode n : source.get()) {
      if (physicalNodes.isEmpty() || physicalNodes.contains(n.physical())) {
        now.add(n);
      }
    }
    rows = now;
    if (!enabled) {
      return;
    }
    if (terminal) {
      bars();
    } else {
      lines();
    }
  }

  private void lines() {
    for (ExperimentNode n : rows) {
      // Only a change of status is news: a failed node that is then released (its physical node
      // gone) is not listed a second time.
      String status = status(n);
      if (!status.equals(lastLine.get(n.vname() + "@" + n.experimentId()))) {
        lastLine.put(n.vname() + "@" + n.experimentId(), status);
        System.out.println(n.vname() + " (" + (n.physical() == null ? "-" : n.physical()) + "): " + status);
      }
    }
  }

  private static String status(ExperimentNode n) {
    return switch (n.status()) {
      case LOADING -> {
        int quarter = n.bytesTotal() > 0 ? (int) (n.bytesDone() * 4 / n.bytesTotal()) * 25 : 0;
        yield "loading " + n.image() + " " + quarter + "%";
      }
      case BOOTING -> "booting " + n.osid();
      case UP -> "up (" + n.osid() + ")";
      case FAILED -> "failed: " + n.reason();
      case RESERVED -> "reserved";
    };
  }

  private void bars() {
    Map<String, long[]> sessions = new LinkedHashMap<>();
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (ExperimentNode n : rows) {
      if (n.image() == null) {
        continue;
      }
      long[] bytes = sessions.computeIfAbsent(n.image(), k -> new long[2]);
      int[] c = counts.computeIfAbsent(n.image(), k -> new int[NodeStatus.values().length]);
      c[n.status().ordinal()]++;
      boolean loaded = n.status() == NodeStatus.BOOTING || n.status() == NodeStatus.UP;
      long total = Math.max(n.bytesTotal(), 1);
      bytes[0] += loaded ? total : n.bytesDone();
      bytes[1] += total;
    }
    for (Map.Entry<String, long[]> e : sessions.entrySet()) {
      ProgressBar bar = bars.computeIfAbsent(e.getKey(), k -> new ProgressBarBuilder().setTaskName(k)
          .setInitialMax(100).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).build());
      bar.stepTo(e.getValue()[1] == 0 ? 0 : e.getValue()[0] * 100 / e.getValue()[1]);
      int[] c = counts.get(e.getKey());
      List<String> parts = new ArrayList<>();
      for (NodeStatus s : NodeStatus.values()) {
        if (c[s.ordinal()] > 0) {
          parts.add(c[s.ordinal()] + " " + s.label());
        }
      }
      bar.setExtraMessage(String.join(", ", parts).toLowerCase(Locale.ROOT));
    }
  }

  @Override
  public void close() {
    bars.values().forEach(ProgressBar::close);
  }
}
