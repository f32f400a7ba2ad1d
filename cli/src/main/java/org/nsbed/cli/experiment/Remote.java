package org.nsbed.cli.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.cli.client.ApiClient;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.FailureAction;
import org.nsbed.provisioner.experiment.lifecycle.NodeStatus;
import org.nsbed.scheduler.notification.SummaryTable;

/**
 * The experiment and node commands through {@code nsbed server}: the same requests as in
 * embedded mode, sent over the API, and the same live progress and summary, built from the
 * server's events and expinfo objects instead of the database.
 */
public final class Remote {
  public final Nsbed nsbed;
  public final ApiClient api;

  private Remote(Nsbed nsbed, ApiClient api) {
    this.nsbed = nsbed;
    this.api = api;
  }

  /** The server this command goes through, or empty in embedded mode. */
  public static Optional<Remote> of(Nsbed nsbed) {
    return ApiClient.of(nsbed).map(api -> new Remote(nsbed, api));
  }

  public static String path(ExperimentRef ref) {
    return "/api/v1/experiments/" + ApiClient.encode(ref.pid()) + "/" + ApiClient.encode(ref.eid());
  }

  /** The expinfo object of an experiment, with the server's default number of log lines. */
  public JsonNode expinfo(ExperimentRef ref) {
    return api.get(path(ref));
  }

  /** The expinfo object of an experiment, with the last {@code logLines} lines of its log. */
  public JsonNode expinfo(ExperimentRef ref, int logLines) {
    return api.get(path(ref) + "?log=" + logLines);
  }

  /** The physical nodes of an experiment ({@code -e pid,eid}). */
  public List<String> nodesOf(ExperimentRef ref) {
    JsonNode info = expinfo(ref);
    List<String> names = new ArrayList<>();
    info.path("nodes").forEach(n -> {
      if (!n.path("physical").isNull()) {
        names.add(n.path("physical").asText());
      }
    });
    if (names.isEmpty()) {
      throw new UserError("experiment " + ref + " holds no nodes (it is " + info.path("state").asText() + ")");
    }
    return names;
  }

  /** The experiments ({@code pid/eid}) holding the nodes. */
  public List<String> experimentsOf(List<String> nodes) {
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode n : api.get("/api/v1/nodes")) {
      if (nodes.contains(n.path("name").asText()) && !n.path("pid").isNull()) {
        out.add(n.path("pid").asText() + "/" + n.path("eid").asText());
      }
    }
    return List.copyOf(out);
  }

  /** The node rows of expinfo objects, as the summary table and the progress display read them. */
  public static List<ExperimentNode> rows(JsonNode expinfo, long key) {
    List<ExperimentNode> rows = new ArrayList<>();
    for (JsonNode n : expinfo.path("nodes")) {
      rows.add(row(n, key));
    }
    return rows;
  }

  private static ExperimentNode row(JsonNode n, long key) {
    ExperimentNode row = new ExperimentNode(key, n.path("name").asText(), FailureAction.of(n.path("failureAction")
        .asText()));
    // An event names the node's type "nodeType" (its "type" is the event's); expinfo says "type".
    row.assign(text(n, "physical"), text(n, n.has("nodeType") ? "nodeType" : "type"), text(n, "os"), text(n, "image"));
    row.progress(NodeStatus.of(n.path("status").asText()), n.path("bytesDone").asLong(), n.path("bytesTotal").asLong(),
        text(n, "reason"));
    row.timings(millis(n, "loadSeconds"), millis(n, "bootSeconds"));
    if (n.path("loadSkipped").asBoolean()) {
      row.skipLoad();
    }
    return row;
  }

  private static String text(JsonNode n, String field) {
    return n.path(field).isNull() || n.path(field).isMissingNode() ? null : n.path(field).asText();
  }

  private static Long millis(JsonNode n, String field) {
    return n.path(field).isNumber() ? Math.round(n.path(field).asDouble() * 1000) : null;
  }

  /**
   * Follows an operation to its end with live progress from the server's events, then prints the
   * summary table and {@code done:} or {@code FAILED:} as embedded mode does.
   *
   * @param experiments the experiments ({@code pid/eid}) whose nodes to show
   * @param physicalNodes if non-empty, only these nodes
   * @return the finished operation: {@code {"id","kind","state","message","failedNodes"}}
   */
  public JsonNode follow(String operation, List<String> experiments, List<String> physicalNodes, boolean show) {
    Map<String, JsonNode> latest = new LinkedHashMap<>();
    Thread events = api.events(experiments.size() == 1 ? "experiment=" + ApiClient.encode(experiments.get(0)) : "",
        e -> {
          if (e.path("type").asText().equals("node") && experiments.contains(e.path("experiment").asText())) {
            synchronized (latest) {
              latest.put(e.path("experiment").asText() + " " + e.path("name").asText(), e);
            }
          }
        });
    JsonNode op = api.get("/api/v1/operations/" + operation);
    boolean swapOut = op.path("kind").asText().matches("swapout|end");
    LiveProgress progress = new LiveProgress(() -> {
      synchronized (latest) {
        List<ExperimentNode> rows = new ArrayList<>();
        latest.values().forEach(n -> rows.add(row(n, experiments.indexOf(n.path("experiment").asText()))));
        return rows;
      }
    }, physicalNodes, show && !swapOut);
    try {
      while (!op.path("state").asText().matches("done|failed")) {
        progress.tick();
        Thread.sleep(200);
        op = api.get("/api/v1/operations/" + operation);
      }
      // The last events may still be on their way: the final state comes from expinfo.
      if (!swapOut) {
        for (String experiment : experiments) {
          for (JsonNode n : expinfo(ExperimentRef.parse(experiment.replace('/', ','))).path("nodes")) {
            synchronized (latest) {
              latest.put(experiment + " " + n.path("name").asText(),
                  ((ObjectNode) n.deepCopy()).put("experiment", experiment));
            }
          }
        }
      }
      progress.tick();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted; the operation goes on in the server (" + operation + ")", Nsbed.EXIT_FAILED);
    } finally {
      events.interrupt();
      progress.close();
    }
    if (show) {
      List<ExperimentNode> rows = swapOut ? List.of() : progress.rows();
      if (!rows.isEmpty()) {
        System.out.println();
        System.out.print(SummaryTable.render(rows));
      }
      System.out.println((op.path("state").asText().equals("done") ? "done: " : "FAILED: ")
          + op.path("message").asText());
    }
    if (swapOut) {
      awaitReloads();
    }
    return op;
  }

  /** Waits for the reloads of swapped-out nodes with their default image, as embedded mode does. */
  private void awaitReloads() {
    for (JsonNode reload : api.get("/api/v1/operations?kind=reload&state=unfinished")) {
      JsonNode r = reload;
      try {
        while (!r.path("state").asText().matches("done|failed")) {
          Thread.sleep(200);
          r = api.get("/api/v1/operations/" + r.path("id").asText());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserError("interrupted; the reload goes on in the server", Nsbed.EXIT_FAILED);
      }
      if (!nsbed.quiet()) {
        System.out.println("reload with default images: " + r.path("message").asText());
      }
    }
  }

  /** The experiments' node rows as the server has them now (for the summary after an operation). */
  public List<ExperimentNode> finalRows(List<String> experiments, List<String> physicalNodes) {
    List<ExperimentNode> rows = new ArrayList<>();
    for (int i = 0; i < experiments.size(); i++) {
      for (ExperimentNode n : rows(expinfo(ExperimentRef.parse(experiments.get(i).replace('/', ','))), i)) {
        if (physicalNodes.isEmpty() || physicalNodes.contains(n.physical())) {
          rows.add(n);
        }
      }
    }
    return rows;
  }

  /** How a command ends after starting an operation: follow it (with -w) or say it is queued. */
  int finish(String operation, boolean await, ExperimentRef ref) {
    String kind = operation.substring(0, Math.max(0, operation.indexOf('-')));
    if (!await) {
      if (!nsbed.quiet()) {
        System.out.println(kind + " of " + ref + " queued (" + operation + "); the server runs it now; follow it "
            + "with `nsbed expinfo -e " + ref.pid() + "," + ref.eid() + "`");
      }
      return Nsbed.EXIT_OK;
    }
    JsonNode done = follow(operation, List.of(ref.pid() + "/" + ref.eid()), List.of(), !nsbed.quiet());
    return done.path("state").asText().equals("done") ? Nsbed.EXIT_OK : Nsbed.EXIT_FAILED;
  }
}
