package org.nsbed.cli.swap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.nsbed.cli.client.ApiClient;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.provisioner.node.ConsoleLog;
import org.nsbed.provisioner.node.ConsoleText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nsbed console [-f] NODE}: the node's serial console log. */
@Command(name = "console", mixinStandardHelpOptions = true,
    description = "Print the node's serial console log (since its last swap-in); -f follows it as it grows.")
public final class ConsoleCommand implements Callable<Integer> {
  @ParentCommand
  Nsbed nsbed;

  @Option(names = "-f", description = "Follow the log (Ctrl-C to stop).")
  boolean follow;

  @Parameters(index = "0", paramLabel = "NODE", description = "The node (pcXXX).")
  String node;

  @Override
  public Integer call() throws InterruptedException {
    if (!node.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,31}")) {
      throw new UserError("not a node name: " + node);
    }
    Optional<Remote> remote = Remote.of(nsbed);
    if (remote.isPresent()) {
      return remote(remote.get());
    }
    ConsoleLog log;
    try (SwapSession session = SwapSession.open(nsbed)) {
      log = session.nodeOps().console(nsbed.user(), node);
    }
    if (!follow && !java.nio.file.Files.exists(log.file())) {
      throw new UserError("no console log for " + node + " (" + log.file() + "); it starts when the node boots");
    }
    long offset = 0;
    do {
      ConsoleText t = log.read(offset);
      System.out.print(t.text());
      System.out.flush();
      offset = t.nextOffset();
      if (follow) {
        Thread.sleep(200);
      }
    } while (follow);
    return Nsbed.EXIT_OK;
  }

  private int remote(Remote remote) throws InterruptedException {
    long offset = 0;
    boolean first = true;
    do {
      JsonNode t = remote.api.get("/api/v1/nodes/" + ApiClient.encode(node) + "/console?offset=" + offset);
      if (first && !follow && t.path("offset").asLong() == 0) {
        throw new UserError("no console log for " + node + "; it starts when the node boots");
      }
      first = false;
      System.out.print(t.path("text").asText());
      System.out.flush();
      offset = t.path("offset").asLong();
      if (follow) {
        Thread.sleep(200);
      }
    } while (follow);
    return Nsbed.EXIT_OK;
  }
}
