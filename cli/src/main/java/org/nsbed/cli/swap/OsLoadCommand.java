package org.nsbed.cli.swap;

import java.util.List;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nsbed os_load}: reload nodes with an image. Exit status = number of failed nodes. */
@Command(name = "os_load", mixinStandardHelpOptions = true,
    description = {"Reload nodes with an image: -i NAME (looked up in -p PID, then the nodes' project, then "
        + "emulab-ops), -m internal image id, or by default each node type's default image.",
        "Runs in the foreground until the nodes are loaded (-w: also booted). Exit status = number of failed nodes."})
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
      Operation done = session.follow(op, NodeTargets.experimentsOf(session, targets), targets);
      return done.failedNodes();
    }
  }
}
