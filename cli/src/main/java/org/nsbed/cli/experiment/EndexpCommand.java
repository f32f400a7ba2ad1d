package org.nsbed.cli.experiment;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code nsbed endexp -e PID,EID [-w]}: terminate an experiment, swapping it out first if active. */
@Command(name = "endexp", mixinStandardHelpOptions = true,
    description = "Terminate an experiment: swap it out if it is active, then delete it (its name can be used again).")
public final class EndexpCommand implements Callable<Integer> {
  @ParentCommand
  Nsbed nsbed;

  @Option(names = "-e", required = true, paramLabel = "PID,EID", description = "The experiment.")
  String experiment;

  @Option(names = "-w", description = "Wait for the termination to finish.")
  boolean await;

  @Override
  public Integer call() {
    ExperimentRef ref = ExperimentRef.parse(experiment);
    Optional<Remote> remote = Remote.of(nsbed);
    if (remote.isPresent()) {
      String op = remote.get().api.delete(Remote.path(ref)).path("operation").asText();
      return remote.get().finish(op, await, ref);
    }
    try (SwapSession session = SwapSession.open(nsbed)) {
      Operation op;
      try {
        op = session.experiments().end(ref.pid(), ref.eid(), nsbed.user());
      } catch (LifecycleException e) {
        throw new UserError(e.getMessage());
      }
      return Operations.finish(session, op, await, ref);
    }
  }
}
