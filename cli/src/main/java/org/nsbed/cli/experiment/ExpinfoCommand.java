package org.nsbed.cli.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentView;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.scheduler.notification.SummaryTable;
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
    if (logLines < 0) {
      throw new UserError("--log takes a number of lines, 0 or more, not " + logLines, Nsbed.EXIT_USAGE);
    }
    ExperimentRef ref = ExperimentRef.parse(experiment);
    ObjectNode info = Remote.of(nsbed).map(remote -> remoteInfo(remote, ref)).orElseGet(() -> embeddedInfo(ref));
    if (nsbed.json()) {
      info.remove("log");
      System.out.println(ExperimentJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(info));
    } else {
      print(info);
    }
    return Nsbed.EXIT_OK;
  }

  private ObjectNode embeddedInfo(ExperimentRef ref) {
    try (SwapSession session = SwapSession.open(nsbed)) {
      ExperimentView view = session.experiments().view(ref.pid(), ref.eid(), nsbed.user(), logLines);
      if (!now && view.run().locked()) {
        Operation op = session.engine.operation(view.run().operationId());
        if (nsbed.json()) {
          session.runScheduler();
          try {
            session.engine.await(op.id(), java.time.Duration.ofMillis(200), o -> { });
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted; the operation goes on when nsbed runs again", Nsbed.EXIT_FAILED);
          }
        } else {
          session.follow(op, List.of(view.experiment().id()), List.of());
        }
        view = session.experiments().view(ref.pid(), ref.eid(), nsbed.user(), logLines);
      }
      return ExperimentJson.expinfoWithLog(view);
    }
  }

  private ObjectNode remoteInfo(Remote remote, ExperimentRef ref) {
    JsonNode info = remote.expinfo(ref, logLines);
    if (!now && info.hasNonNull("runningOperation")) {
      remote.follow(info.path("runningOperation").asText(), List.of(ref.pid() + "/" + ref.eid()), List.of(),
          !nsbed.json() && !nsbed.quiet());
      info = remote.expinfo(ref, logLines);
    }
    return (ObjectNode) info;
  }

  private void print(JsonNode e) {
    JsonNode run = e.path("lastOperation");
    System.out.println("experiment " + e.path("pid").asText() + "/" + e.path("eid").asText() + ": "
        + e.path("state").asText() + (e.hasNonNull("runningOperation") ? " (" + run.path("operation").asText()
            + " in progress)" : ""));
    if (!e.path("description").asText("").isEmpty()) {
      System.out.println("description: " + e.path("description").asText());
    }
    if (!run.path("result").isNull()) {
      System.out.println("last operation: " + run.path("result").asText() + " - " + run.path("message").asText());
    }
    if (run.path("totalSeconds").isNumber()) {
      System.out.println(String.format(Locale.ROOT, "last swap-in: %.2f s (attempt %d)",
          run.path("totalSeconds").asDouble(), run.path("attempt").asInt()));
    }
    if (e.hasNonNull("maxDurationMinutes")) {
      System.out.println("maximum duration: " + e.path("maxDurationMinutes").asInt() + " min");
    }
    if (e.path("nodes").size() > 0) {
      System.out.println();
      System.out.print(SummaryTable.render(Remote.rows(e, 0)));
    }
    JsonNode log = e.path("log");
    if (logLines > 0 && log.size() > 0) {
      System.out.println();
      System.out.println("log:");
      for (int i = Math.max(0, log.size() - logLines); i < log.size(); i++) {
        System.out.println("  " + log.get(i).path("at").asText() + "  " + log.get(i).path("line").asText());
      }
    }
  }
}
