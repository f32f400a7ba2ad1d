package org.nsbed.cli.experiment;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nsbed swapexp -e PID,EID in|out [-w]}. */
@Command(name = "swapexp", mixinStandardHelpOptions = true,
    description = {"Swap an experiment in (map, reserve, load, boot) or out (release its nodes).",
        "With -w this process runs the operation and shows per-node progress and a summary."})
public final class SwapexpCommand implements Callable<Integer> {
  @ParentCommand
  Nsbed nsbed;

  @Option(names = "-e", required = true, paramLabel = "PID,EID", description = "The experiment.")
  String experiment;

  @Option(names = "-w", description = "Wait for the operation to finish (runs it in this process).")
  boolean await;

  @Parameters(index = "0", paramLabel = "in|out", description = "in or out.")
  String direction;

  @Override
  public Integer call() {
    ExperimentRef ref = ExperimentRef.parse(experiment);
    if (!direction.equals("in") && !direction.equals("out")) {
      throw new UserError("swapexp takes in or out, not '" + direction + "'", Nsbed.EXIT_USAGE);
    }
    Optional<Remote> remote = Remote.of(nsbed);
    if (remote.isPresent()) {
      String op = remote.get().api.post(Remote.path(ref) + (direction.equals("in") ? "/swapin" : "/swapout"), null)
          .path("operation").asText();
      return remote.get().finish(op, await, ref);
    }
    try (SwapSession session = SwapSession.open(nsbed)) {
      Operation op;
      try {
        op = direction.equals("in") ? session.experiments().swapIn(ref.pid(), ref.eid(), nsbed.user())
            : session.experiments().swapOut(ref.pid(), ref.eid(), nsbed.user());
      } catch (LifecycleException e) {
        throw new UserError(e.getMessage());
      }
      return Operations.finish(session, op, await, ref);
    }
  }
}
