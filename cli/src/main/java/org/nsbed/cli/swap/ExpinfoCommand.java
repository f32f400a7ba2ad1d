package org.nsbed.cli.swap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentLifecycle;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentLogLine;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentRun;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.scheduler.notification.SummaryTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code nsbed expinfo [--json] -e PID,EID}. */
@Command(name = "expinfo", mixinStandardHelpOptions = true,
    description = {"Show an experiment: state, per-node status (physical node, OS, image, load/boot state, failure "
        + "action, failure reason), timings and its recent log.",
        "If an operation of the experiment is queued or running, expinfo runs the scheduler and follows it to its "
            + "end first (--now shows the state at once instead)."})
public final class ExpinfoCommand implements Callable<Integer> {
  @ParentCommand
  Nsbed nsbed;

  @Option(names = "-e", required = true, paramLabel = "PID,EID", description = "The experiment.")
  String experiment;

  @Option(names = "--now", description = "Do not run or wait for a pending operation; show the state as it is.")
  boolean now;

  @Option(names = "--log", paramLabel = "N", defaultValue = "8", description = "Log lines to show (default 8).")
  int logLines;

  @Override
  public Integer call() throws Exception {
    ExperimentRef ref = ExperimentRef.parse(experiment);
    try (SwapSession session = SwapSession.open(nsbed)) {
      Experiment e = session.experiment(ref.pid(), ref.eid());
      ExperimentRun run = session.db.inTransaction(s -> new ExperimentLifecycle(s).run(e));
      if (!now && run.locked()) {
        Operation op = session.engine.operation(run.operationId());
        if (nsbed.json()) {
          session.runScheduler();
          session.engine.await(op.id(), java.time.Duration.ofMillis(200), o -> { });
        } else {
          session.follow(op, List.of(e.id()), List.of());
        }
      }
      Experiment current = session.experiment(ref.pid(), ref.eid());
      ExperimentRun last = session.db.inTransaction(s -> new ExperimentLifecycle(s).run(current));
      List<ExperimentNode> nodes = session.nodesOf(current.id());
      List<ExperimentLogLine> log = session.db.inTransaction(s -> new ExperimentLifecycle(s).logOf(current.id()));
      if (nsbed.json()) {
        System.out.println(json(current, last, nodes));
      } else {
        print(current, last, nodes, log);
      }
      return Nsbed.EXIT_OK;
    }
  }

  private static String json(Experiment e, ExperimentRun run, List<ExperimentNode> nodes) throws Exception {
    ObjectMapper m = new ObjectMapper();
    ObjectNode root = m.createObjectNode();
    root.put("pid", e.project().pid());
    root.put("eid", e.eid());
    root.put("state", e.state().label());
    root.put("description", e.description());
    ArrayNode list = root.putArray("nodes");
    for (ExperimentNode n : nodes) {
      ObjectNode o = list.addObject();
      o.put("name", n.vname());
      o.put("physical", n.physical());
      o.put("type", n.nodeType());
      o.put("os", n.osid());
      o.put("image", n.image());
      o.put("failureAction", n.failureAction().label());
      o.put("status", n.status().label());
      o.put("reason", n.reason());
      o.put("bytesDone", n.bytesDone());
      o.put("bytesTotal", n.bytesTotal());
      putSeconds(o, "loadSeconds", n.loadMs());
      o.put("loadSkipped", n.loadSkipped());
      putSeconds(o, "bootSeconds", n.bootMs());
    }
    ObjectNode last = root.putObject("lastOperation");
    last.put("operation", run.operation());
    last.put("result", run.result());
    last.put("message", run.message());
    last.put("attempt", run.attempt());
    putSeconds(last, "totalSeconds", run.totalMs());
    putSeconds(last, "loadSeconds", run.loadMs());
    putSeconds(last, "bootSeconds", run.bootMs());
    if (e.swappedIn() != null) {
      root.put("swappedIn", e.swappedIn().toString());
    }
    if (e.maxDurationMinutes() != null) {
      root.put("maxDurationMinutes", e.maxDurationMinutes());
    }
    return m.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  private static void putSeconds(ObjectNode o, String key, Long ms) {
    if (ms == null) {
      o.putNull(key);
    } else {
      o.put(key, ms / 1000.0);
    }
  }

  private void print(Experiment e, ExperimentRun run, List<ExperimentNode> nodes, List<ExperimentLogLine> log) {
    System.out.println("experiment " + e.qualifiedName() + ": " + e.state().label()
        + (run.locked() ? " (" + run.operation() + " in progress)" : ""));
    if (!e.description().isEmpty()) {
      System.out.println("description: " + e.description());
    }
    if (run.result() != null) {
      System.out.println("last operation: " + run.result() + " - " + run.message());
    }
    if (run.totalMs() != null) {
      System.out.println(String.format(Locale.ROOT, "last swap-in: %.2f s (attempt %d)", run.totalMs() / 1000.0,
          run.attempt()));
    }
    if (e.maxDurationMinutes() != null) {
      System.out.println("maximum duration: " + e.maxDurationMinutes() + " min");
    }
    if (!nodes.isEmpty()) {
      System.out.println();
      System.out.print(SummaryTable.render(nodes));
    }
    if (logLines > 0 && !log.isEmpty()) {
      System.out.println();
      System.out.println("log:");
      for (ExperimentLogLine l : log.subList(Math.max(0, log.size() - logLines), log.size())) {
        System.out.println("  " + l.at() + "  " + l.line());
      }
    }
  }
}
