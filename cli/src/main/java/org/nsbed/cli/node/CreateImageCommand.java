package org.nsbed.cli.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.client.ApiClient;
import org.nsbed.cli.experiment.Remote;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nsbed create_image [-w] [-p PID] IMAGEID NODE}. */
@Command(name = "create_image", mixinStandardHelpOptions = true,
    description = {"Capture NODE's disk with imagezip into the file of the existing image descriptor IMAGEID "
        + "(create it with `nsbed image create`). NODE must be reserved to an experiment of your project and must not "
        + "be a remote node (names starting with b).",
        "You are notified (mailbox) when it is done; -w waits here."})
public final class CreateImageCommand implements Callable<Integer> {
  @ParentCommand
  Nsbed nsbed;

  @Option(names = "-w", description = "Wait for the capture to finish (runs it in this process).")
  boolean await;

  @Option(names = "-p", paramLabel = "PID",
      description = "Project of the descriptor (default: the project of the experiment holding NODE).")
  String project;

  @Parameters(index = "0", paramLabel = "IMAGEID", description = "The image descriptor's name.")
  String imageName;

  @Parameters(index = "1", paramLabel = "NODE", description = "The node to capture (pcXXX).")
  String node;

  @Override
  public Integer call() {
    Optional<Remote> remote = Remote.of(nsbed);
    if (remote.isPresent()) {
      return remote(remote.get());
    }
    try (ImageCapture capture = ImageCapture.open(nsbed)) {
      String pid = project != null ? project : capture.projectOf(node);
      Operation op = capture.start(pid, imageName, node);
      if (!await) {
        if (!nsbed.quiet()) {
          System.out.println("create_image " + pid + "/" + imageName + " from " + node + " queued (" + op.id()
              + "); it runs with the next nsbed scheduler (`nsbed scheduler`), which mails you when it is done");
        }
        return Nsbed.EXIT_OK;
      }
      Operation done = capture.follow(op, node, !nsbed.quiet());
      return done.state() == Operation.State.DONE ? Nsbed.EXIT_OK : Nsbed.EXIT_FAILED;
    }
  }

  private int remote(Remote remote) {
    List<String> experiments = remote.experimentsOf(List.of(node));
    String pid = project != null ? project : experiments.isEmpty() ? "emulab-ops"
        : experiments.get(0).substring(0, experiments.get(0).indexOf('/'));
    String op = remote.api.post("/api/v1/images/" + ApiClient.encode(pid) + "/" + ApiClient.encode(imageName)
        + "/capture", Map.of("node", node)).path("operation").asText();
    if (!await) {
      if (!nsbed.quiet()) {
        System.out.println("create_image " + pid + "/" + imageName + " from " + node + " queued (" + op
            + "); the server runs it now and mails you when it is done");
      }
      return Nsbed.EXIT_OK;
    }
    JsonNode done = remote.follow(op, experiments, List.of(node), !nsbed.quiet());
    return done.path("state").asText().equals("done") ? Nsbed.EXIT_OK : Nsbed.EXIT_FAILED;
  }
}
