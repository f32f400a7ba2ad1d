package org.nsbed.cli.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongFunction;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.cli.client.ApiClient;
import org.nsbed.cli.experiment.Remote;
import org.nsbed.cli.experiment.SwapSession;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.node.ConsoleInterface;
import org.nsbed.provisioner.node.ConsoleLog;
import org.nsbed.provisioner.node.ConsoleText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nsbed console [-f] [--send TEXT [--wait SEC]] NODE}: the node's serial console log; on a
 * node whose console takes input (a virtual machine) also the serial line itself.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
    description = "Print the node's serial console log (since its last swap-in); -f follows it as it grows (and "
        + "on a VM node sends the lines you type to it); --send types a line on a VM node's serial console and "
        + "prints what the node answers.")
public final class ConsoleCommand implements Callable<Integer> {
  @ParentCommand
  Nsbed nsbed;

  @Option(names = "-f", description = "Follow the log (Ctrl-C to stop).")
  boolean follow;

  @Option(names = "--send", paramLabel = "TEXT", description = "Type TEXT and a newline on the node's serial console.")
  String send;

  @Option(names = "--wait", paramLabel = "SEC", defaultValue = "3",
      description = "With --send: print what the node answers for SEC seconds (default ${DEFAULT-VALUE}).")
  double waitSeconds;

  @Parameters(index = "0", paramLabel = "NODE", description = "The node (pcXXX).")
  String node;

  @Override
  public Integer call() throws InterruptedException {
    if (!node.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,31}")) {
      throw new UserError("not a node name: " + node);
    }
    if (!(waitSeconds >= 0 && waitSeconds <= 3600)) {
      throw new UserError("--wait must be from 0 to 3600 seconds", Nsbed.EXIT_USAGE);
    }
    if (send != null) {
      ConsoleInterface.untypable(send).ifPresent(problem -> {
        throw new UserError(problem, Nsbed.EXIT_USAGE);
      });
    }
    Optional<Remote> remote = Remote.of(nsbed);
    if (remote.isPresent()) {
      return send != null ? remoteSend(remote.get()) : remote(remote.get());
    }
    if (send != null) {
      try (SwapSession session = SwapSession.open(nsbed)) {
        return send(session);
      }
    }
    ConsoleLog log;
    try (SwapSession session = SwapSession.open(nsbed)) {
      log = session.nodeOps().console(nsbed.user(), node);
    }
    if (!follow && !java.nio.file.Files.exists(log.file())) {
      throw new UserError("no console log for " + node + " (" + log.file() + "); it starts when the node boots");
    }
    if (follow) {
      forwardInput(line -> {
        try (SwapSession session = SwapSession.open(nsbed)) {
          type(session, line);
        }
      });
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

  /** Types the line, then prints what the console shows from then on for the wait. */
  private int send(SwapSession session) throws InterruptedException {
    long until = System.nanoTime() + (long) (waitSeconds * 1e9);
    long offset = type(session, send);
    ConsoleLog log = session.nodeOps().console(nsbed.user(), node);
    return printAnswer(until, offset, log::read);
  }

  /** Prints what the console shows from {@code offset} on until the wait is over. */
  private static int printAnswer(long until, long offset, LongFunction<ConsoleText> read) throws InterruptedException {
    StringBuilder answer = new StringBuilder();
    while (true) {
      ConsoleText t = read.apply(offset);
      answer.append(t.text());
      offset = t.nextOffset();
      if (System.nanoTime() >= until) {
        break;
      }
      Thread.sleep(100);
    }
    System.out.print(terminalControlRemoved(answer.toString()));
    System.out.flush();
    return Nsbed.EXIT_OK;
  }

  /**
   * While the log is followed, the lines read from stdin go to the node's serial line (a node
   * whose console is a log only says so once). Each line opens the testbed briefly (or goes
   * through the server), so following a console never keeps other commands from the database.
   */
  private void forwardInput(Typist typist) {
    Thread input = new Thread(() -> {
      try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
          java.nio.charset.StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          typist.type(line);
        }
      } catch (java.io.IOException | InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (UserError | LifecycleException e) {
        System.err.println("nsbed: " + e.getMessage());
      }
    }, "console-input");
    input.setDaemon(true);
    input.start();
  }

  /** Types a line; returns the console's length before it, where the node's answer starts. */
  private long type(SwapSession session, String text) throws InterruptedException {
    try {
      return session.nodeOps().typeOnConsole(nsbed.user(), node, text);
    } catch (java.io.UncheckedIOException e) {
      throw new UserError(e.getMessage(), Nsbed.EXIT_FAILED);
    }
  }

  /** Where the lines typed while following go. */
  private interface Typist {
    void type(String line) throws InterruptedException;
  }

  /** {@link #send} through the server. */
  private int remoteSend(Remote remote) throws InterruptedException {
    long until = System.nanoTime() + (long) (waitSeconds * 1e9);
    String path = "/api/v1/nodes/" + ApiClient.encode(node) + "/console";
    long offset = remote.api.post(path, java.util.Map.of("text", send)).path("offset").asLong();
    return printAnswer(until, offset, from -> {
      JsonNode t = remote.api.get(path + "?offset=" + from);
      return new ConsoleText(t.path("text").asText(), t.path("offset").asLong());
    });
  }

  /** The console as text: terminal control sequences (cursor queries, colours) and carriage returns removed. */
  public static String terminalControlRemoved(String text) {
    return text.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").replaceAll("\u001b[c()][0-9A-Za-z]?", "").replace("\r", "");
  }

  private int remote(Remote remote) throws InterruptedException {
    if (follow) {
      forwardInput(line -> remote.api.post("/api/v1/nodes/" + ApiClient.encode(node) + "/console",
          java.util.Map.of("text", line)));
    }
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
