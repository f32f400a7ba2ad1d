package org.nsbed.cli.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.cli.experiment.ExperimentRef;
import org.nsbed.cli.experiment.Remote;
import org.nsbed.cli.experiment.SwapSession;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nsbed node_reboot [-w] [-f] (NODE... | -e PID,EID)}. */
@Command(name = "node_reboot", mixinStandardHelpOptions = true,
    description = "Reboot nodes (power cycle, boot the disk, one retry); -w waits until they are up; -f power cycles "
        + "without waiting (the reboot runs with the next scheduler).")
public final class NodeRebootCommand implements Callable<Integer> {
  @ParentCommand
  Nsbed nsbed;

  @Option(names = "-w", description = "Wait for the nodes to come up.")
  boolean await;

  @Option(names = "-f", description = "Power cycle without waiting.")
  boolean powerCycle;

  @Option(names = "-e", paramLabel = "PID,EID", description = "All nodes of this experiment.")
  String experiment;

  @Parameters(paramLabel = "NODE", arity = "0..*", description = "Nodes to reboot.")
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
        op = session.nodeOps().reboot(nsbed.user(), targets);
      } catch (LifecycleException e) {
        throw new UserError(e.getMessage());
      }
      if (!await || powerCycle) {
        if (!nsbed.quiet()) {
          System.out.println("reboot of " + String.join(", ", targets) + " queued (" + op.id() + ")");
        }
        return Nsbed.EXIT_OK;
      }
      Operation done = session.follow(op, NodeTargets.experimentsOf(session, targets), targets);
      return done.state() == Operation.State.DONE ? Nsbed.EXIT_OK : Nsbed.EXIT_FAILED;
    }
  }

  private int remote(Remote remote) {
    if ((nodes == null || nodes.isEmpty()) == (experiment == null)) {
      throw new UserError("name the nodes or give -e PID,EID (one of the two)", Nsbed.EXIT_USAGE);
    }
    List<String> targets = experiment != null ? remote.nodesOf(ExperimentRef.parse(experiment)) : nodes;
    String op = remote.api.post("/api/v1/reboots", Map.of("nodes", targets)).path("operation").asText();
    if (!await || powerCycle) {
      if (!nsbed.quiet()) {
        System.out.println("reboot of " + String.join(", ", targets) + " queued (" + op + ")");
      }
      return Nsbed.EXIT_OK;
    }
    JsonNode done = remote.follow(op, remote.experimentsOf(targets), targets, !nsbed.quiet());
    return done.path("state").asText().equals("done") ? Nsbed.EXIT_OK : Nsbed.EXIT_FAILED;
  }
}
