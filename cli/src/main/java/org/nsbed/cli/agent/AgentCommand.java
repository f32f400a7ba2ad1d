package org.nsbed.cli.agent;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.cli.client.ApiClient;
import org.nsbed.server.agent.NodeHostAgent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code nsbed agent}: runs a node host's nodes for a server. */
@Command(name = "agent", mixinStandardHelpOptions = true,
    description = {"Run the nodes the testbed file places on this node host (host: NAME) for the server at --server: "
        + "load their disks from the server's multicast image servers, power and boot them, report their events and "
        + "console output. Runs until SIGTERM or SIGINT.",
        "Needs a testbed admin's API token (NSBED_TOKEN or --token-file). Disks and consoles live in --home."})
public final class AgentCommand implements Callable<Integer> {
  @ParentCommand
  Nsbed nsbed;

  @Option(names = "--name", required = true, paramLabel = "HOST", description = "This node host's name, as the testbed "
      + "file's host: says it.")
  String name;

  @Override
  public Integer call() throws InterruptedException {
    String url = nsbed.serverUrl();
    if (url == null) {
      throw new UserError("nsbed agent needs the server: --server URL (or NSBED_SERVER)", Nsbed.EXIT_USAGE);
    }
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.+-]{0,29}")) {
      throw new UserError("node host name '" + name + "' is not valid: letters, digits, '.', '_', '+', '-'",
          Nsbed.EXIT_USAGE);
    }
    NodeHostAgent agent = new NodeHostAgent(url, name, ApiClient.token(nsbed), nsbed.home(), System.err);
    List<String> nodes;
    try {
      nodes = agent.start();
    } catch (IOException e) {
      agent.close();
      throw new UserError("node host " + name + ": " + e.getMessage(), Nsbed.EXIT_FAILED);
    }
    System.out.println("nsbed agent " + name + " runs " + String.join(" ", nodes) + " for " + url);
    System.out.flush();
    Thread stop = new Thread(agent::close, "nsbed-agent-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    try {
      agent.run();
    } catch (NodeHostAgent.Superseded e) {
      throw new UserError(e.getMessage(), Nsbed.EXIT_FAILED);
    }
    return Nsbed.EXIT_OK;
  }
}
