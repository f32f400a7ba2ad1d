package org.nsbed.cli.swap;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentLogLine;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentRun;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.scheduler.notification.SummaryTable;
import org.nsbed.scheduler.swap.ExperimentView;
import org.nsbed.server.json.ExperimentJson;
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
      ExperimentView view = session.experiments().view(ref.pid(), ref.eid(), nsbed.user());
      if (!now && view.run().locked()) {
        Operation op = session.engine.operation(view.run().operationId());
        if (nsbed.json()) {
          session.runScheduler();
          session.engine.await(op.id(), java.time.Duration.ofMillis(200), o -> { });
        } else {
          session.follow(op, List.of(view.experiment().id()), List.of());
        }
        view = session.experiments().view(ref.pid(), ref.eid(), nsbed.user());
      }
      if (nsbed.json()) {
        System.out.println(ExperimentJson.MAPPER.writerWithDefaultPrettyPrinter()
            .writeValueAsString(ExperimentJson.expinfo(view)));
      } else {
        print(view.experiment(), view.run(), view.nodes(), view.log());
      }
      return Nsbed.EXIT_OK;
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
