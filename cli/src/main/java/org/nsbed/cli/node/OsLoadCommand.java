package org.nsbed.cli.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.cli.experiment.ExperimentRef;
import org.nsbed.cli.experiment.Remote;
import org.nsbed.cli.experiment.SwapSession;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nsbed os_load}: reload nodes with an image. Exit status 3 when any node failed, as for
 * every other operation (the reference's count of failed nodes collides with exit statuses 1-3
 * and wraps to 0 at 256); the failed nodes are printed, and {@code --json} gives every node's
 * result.
 */
@Command(name = "os_load", mixinStandardHelpOptions = true,
    description = {"Reload nodes with an image: -i NAME (looked up in -p PID, then the nodes' project, then "
        + "emulab-ops), -m internal image id, or by default each node type's default image.",
        "Runs in the foreground until the nodes are loaded (-w: also booted).",
        "Exit status: 0 every node loaded; 1 refused (unknown node or image, permission); 2 usage; 3 any node "
            + "failed (the failed nodes are printed on stderr; --json prints each node's result)."})
public final class OsLoadCommand implements Callable<Integer> {
  @ParentCommand
  Nsbed nsbed;

  @Option(names = "-s", description = "Do not wait: queue the load and return (it runs with the next scheduler).")
  boolean noWait;

  @Option(names = "-w", description = "Also wait for the nodes to boot; boot failures count as failed nodes.")
  boolean waitBoot;

  @Option(names = "-r", description = "Do not reboot the nodes after loading; do that yourself.")
  boolean noReboot;

  @Option(names = "-p", paramLabel = "PID", description = "Project to find the image name (-i) in.")
  String project;

  static final class Image {
    @Option(names = "-i", paramLabel = "IMAGE", description = "Image name (or pid/name).")
    String name;

    @Option(names = "-m", paramLabel = "IMAGEID", description = "Internal image id (instead of -i and -p).")
    Long id;
  }

  @ArgGroup(exclusive = true)
  Image image = new Image();

  @Option(names = "-e", paramLabel = "PID,EID", description = "All nodes of this experiment.")
  String experiment;

  @Parameters(paramLabel = "NODE", arity = "0..*", description = "Nodes to reload (pcXXX).")
  List<String> nodes;

  @Override
  public Integer call() {
    Optional<Remote> remote = Remote.of(nsbed);
    if (remote.isPresent()) {
      return remote(remote.get());
    }
    try (SwapSession session = SwapSession.open(nsbed)) {
      List<String> targets = NodeTargets.resolve(session, nodes, experiment);
      Operation op;
      try {
        op = session.nodeOps().osLoad(nsbed.user(), targets, project, image.name, image.id, !noReboot, waitBoot);
      } catch (LifecycleException e) {
        throw new UserError(e.getMessage());
      }
      if (noWait) {
        if (!nsbed.quiet()) {
          System.out.println("os_load of " + String.join(", ", targets) + " queued (" + op.id() + ")");
        }
        return Nsbed.EXIT_OK;
      }
      List<Long> experiments = NodeTargets.experimentsOf(session, targets);
      Operation done = session.follow(op, experiments, targets, !nsbed.quiet() && !nsbed.json());
      boolean failed = done.state() != Operation.State.DONE || done.failedNodes() > 0;
      List<ExperimentNode> rows = new ArrayList<>();
      experiments.forEach(id -> rows.addAll(session.nodesOf(id)));
      return report(op.id(), failed, done.failedNodes(), done.message(), targets, rows);
    }
  }

  private int remote(Remote remote) {
    List<String> targets;
    if ((nodes == null || nodes.isEmpty()) == (experiment == null)) {
      throw new UserError("name the nodes or give -e PID,EID (one of the two)", Nsbed.EXIT_USAGE);
    }
    targets = experiment != null ? remote.nodesOf(ExperimentRef.parse(experiment)) : new ArrayList<>(nodes);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("nodes", targets);
    body.put("project", project);
    body.put("image", image.name);
    body.put("imageId", image.id);
    body.put("noReboot", noReboot);
    body.put("waitForBoot", waitBoot);
    String op = remote.api.post("/api/v1/reloads", body).path("operation").asText();
    if (noWait) {
      if (!nsbed.quiet()) {
        System.out.println("os_load of " + String.join(", ", targets) + " queued (" + op + ")");
      }
      return Nsbed.EXIT_OK;
    }
    List<String> experiments = remote.experimentsOf(targets);
    JsonNode done = remote.follow(op, experiments, targets, !nsbed.quiet() && !nsbed.json());
    int failedNodes = done.path("failedNodes").asInt();
    boolean failed = !done.path("state").asText().equals("done") || failedNodes > 0;
    return report(op, failed, failedNodes, done.path("message").asText(), targets,
        remote.finalRows(experiments, List.of()));
  }

  /** Prints the per-node results (--json) and the failed nodes; the exit status. */
  private int report(String op, boolean failed, int failedCount, String message, List<String> targets,
      List<ExperimentNode> rows) {
    List<Map<String, Object>> results = results(rows, targets);
    if (nsbed.json()) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("operation", op);
      out.put("ok", !failed);
      out.put("failedNodes", failedCount);
      out.put("message", message);
      out.put("nodes", results);
      try {
        System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(out));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write the os_load result as JSON: " + e.getMessage(), e);
      }
    }
    if (failed) {
      List<String> failedNodes = results.stream().filter(r -> "failed".equals(r.get("status")))
          .map(r -> r.get("node") + (r.get("reason") == null ? "" : " (" + r.get("reason") + ")")).toList();
      System.err.println("nsbed: os_load failed on " + (failedNodes.isEmpty()
          ? failedCount + " node(s): " + message
          : failedNodes.size() + " of " + targets.size() + " node(s): " + String.join("; ", failedNodes)));
      return Nsbed.EXIT_FAILED;
    }
    return Nsbed.EXIT_OK;
  }

  /** Each target node's result: its experiment's row for it after the load. */
  private static List<Map<String, Object>> results(List<ExperimentNode> all, List<String> targets) {
    Map<String, ExperimentNode> rows = new HashMap<>();
    for (ExperimentNode n : all) {
      if (n.physical() != null && targets.contains(n.physical())) {
        rows.put(n.physical(), n);
      }
    }
    List<Map<String, Object>> results = new ArrayList<>();
    for (String node : targets) {
      ExperimentNode row = rows.get(node);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("node", node);
      r.put("vname", row == null ? null : row.vname());
      r.put("os", row == null ? null : row.osid());
      r.put("image", row == null ? null : row.image());
      r.put("status", row == null ? null : row.status().label());
      r.put("reason", row == null ? null : row.reason());
      r.put("loadMs", row == null ? null : row.loadMs());
      r.put("bootMs", row == null ? null : row.bootMs());
      results.add(r);
    }
    return results;
  }
}
