package org.nsbed.server.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.nsbed.provisioner.node.ConsoleText;
import org.nsbed.provisioner.node.NodeDriver;
import org.nsbed.provisioner.node.NodeDrivers;
import org.nsbed.provisioner.node.NodeEvent;
import org.nsbed.provisioner.node.PowerAction;
import org.nsbed.provisioner.node.remote.HostCommand;
import org.nsbed.provisioner.node.remote.NodeHosts;
import org.nsbed.server.json.ExperimentJson;

/**
 * {@code nsbed agent}: runs the nodes of one node host for a server (docs/server.md, "Node
 * hosts"). It registers the host, builds the drivers of the nodes the server says live here
 * (simulated nodes and virtual machines, in this host's home), and then does two things until it
 * is stopped: it takes the host's commands with long polls and carries them out in order, and it
 * reports the nodes' events and new console output a few times a second. A create_image capture
 * runs on a thread of its own and uploads the image when it is done.
 *
 * <p>When the server cannot be reached, the agent keeps its nodes as they are and tries again;
 * when the server no longer knows its session (it restarted), the agent registers again, powering
 * its nodes off first, since the server's new session starts from what it wants of each node.
 * When another agent registered the same host, this one stops ({@link Superseded}).
 */
public final class NodeHostAgent implements AutoCloseable {
  private static final Duration REPORT_EVERY = Duration.ofMillis(200);
  private static final Duration RETRY_EVERY = Duration.ofSeconds(1);
  /** An image is uploaded in one request: a few GB over a slow link. */
  private static final Duration UPLOAD_TIMEOUT = Duration.ofHours(1);

  private final URI server;
  private final String host;
  private final String authorization;
  private final Path home;
  private final PrintStream log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ConcurrentLinkedQueue<NodeEvent> events = new ConcurrentLinkedQueue<>();
  private final Map<String, Long> consoleOffsets = new LinkedHashMap<>();
  private final List<NodeEvent> unsent = new ArrayList<>();
  private final Map<String, String> unsentConsole = new LinkedHashMap<>();
  private NodeDriver nodes;
  private volatile String session;
  private volatile int pollSeconds;
  private volatile boolean closed;

  /** Another agent registered this host: this one must stop. */
  public static final class Superseded extends RuntimeException {
    Superseded(String message) {
      super(message);
    }
  }

  /**
   * @param server the server's base URL ({@code http://HOST:PORT})
   * @param host this node host's name, as the testbed file's {@code host:} says it
   * @param token an API token of a testbed admin
   * @param home where this host keeps its nodes' disks and consoles
   * @param log where the agent says what it does
   */
  public NodeHostAgent(String server, String host, String token, Path home, PrintStream log) {
    this.server = URI.create(server.endsWith("/") ? server : server + "/");
    this.host = host;
    this.authorization = "Bearer " + token;
    this.home = home;
    this.log = log;
  }

  /**
   * Registers and builds the nodes' drivers.
   *
   * @return the nodes this host runs
   * @throws IOException if the server refuses the registration or cannot be reached
   */
  public List<String> start() throws IOException, InterruptedException {
    NodeHosts.Registration r = register();
    removeUnsentImages();
    nodes = NodeDrivers.forHost(home, r.nodes(), r.timeScale());
    for (String n : nodes.nodes()) {
      consoleOffsets.put(n, nodes.readConsole(n, 0).nextOffset());
    }
    nodes.addListener(events::add);
    return nodes.nodes();
  }

  /** Images captured before the agent stopped, whose captures the server has given up. */
  private void removeUnsentImages() throws IOException {
    Path captures = home.resolve("captures");
    if (Files.isDirectory(captures)) {
      try (var files = Files.list(captures)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
    }
  }

  /**
   * Takes and carries out commands until {@link #close()} or until another agent registers the
   * host ({@link Superseded}); reports run on a thread of their own meanwhile.
   */
  public void run() throws InterruptedException {
    Thread reporter = new Thread(this::reportLoop, "agent-report");
    reporter.setDaemon(true);
    reporter.start();
    try {
      while (!closed) {
        List<HostCommand> commands;
        try {
          commands = poll();
        } catch (SessionUnknown e) {
          log.println("nsbed agent: the server does not know this session (it restarted?): registering again");
          reregister();
          continue;
        } catch (IOException e) {
          log.println("nsbed agent: cannot reach " + server + ": " + e.getMessage() + "; trying again");
          Thread.sleep(RETRY_EVERY.toMillis());
          continue;
        }
        for (HostCommand c : commands) {
          carryOut(c);
        }
      }
    } finally {
      reporter.interrupt();
    }
  }

  private void reregister() throws InterruptedException {
    while (!closed) {
      try {
        nodes.nodes().forEach(n -> nodes.power(n, PowerAction.OFF));
        register();
        return;
      } catch (IOException e) {
        log.println("nsbed agent: cannot register with " + server + ": " + e.getMessage() + "; trying again");
        Thread.sleep(RETRY_EVERY.toMillis());
      }
    }
  }

  private void carryOut(HostCommand c) {
    try {
      if (c instanceof HostCommand.NextBoot b) {
        nodes.setNextBoot(b.node(), b.target());
      } else if (c instanceof HostCommand.Power p) {
        nodes.power(p.node(), p.action());
      } else if (c instanceof HostCommand.Send s) {
        nodes.send(s.node(), s.text());
      } else if (c instanceof HostCommand.Capture k) {
        // A capture takes a while (the OS shuts down, imagezip reads the disk, the image goes up):
        // the host's other nodes keep taking their commands meanwhile.
        Thread t = new Thread(() -> capture(k), "agent-capture-" + k.node());
        t.setDaemon(true);
        t.start();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // The server sees the node's silence (its deadline) and the console says why.
      log.println("nsbed agent: " + c + " failed: " + e.getMessage());
    }
  }

  /**
   * Captures the node's disk as the server's own process would (the node is shut down first) into
   * a file of this host's home, and uploads it; the server writes the descriptor's file. If the
   * capture fails, the server is told why.
   */
  private void capture(HostCommand.Capture k) {
    String path = "api/v1/agents/" + host + "/captures/" + k.capture() + "?session="
        + URLEncoder.encode(session, StandardCharsets.UTF_8);
    Path file = home.resolve("captures").resolve(k.capture() + ".ndz");
    try {
      try {
        Files.createDirectories(file.getParent());
        nodes.captureImage(k.node(), k.partition(), file);
      } catch (IOException | RuntimeException e) {
        log.println("nsbed agent: create_image of " + k.node() + " failed: " + e.getMessage());
        String body = ExperimentJson.MAPPER.createObjectNode().put("error", String.valueOf(e.getMessage())).toString();
        taken(send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)), Duration.ofSeconds(30)));
        return;
      }
      taken(send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/octet-stream")
          .POST(HttpRequest.BodyPublishers.ofFile(file)), UPLOAD_TIMEOUT));
      log.println("nsbed agent: uploaded the image of " + k.node() + " (" + Files.size(file) + " bytes)");
    } catch (IOException | RuntimeException e) {
      // The server gives the capture up when the upload breaks off or the host goes silent.
      log.println("nsbed agent: cannot send the image of " + k.node() + " to " + server + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        log.println("nsbed agent: cannot remove " + file + ": " + e.getMessage());
      }
    }
  }

  /**
   * Checks the answer to a capture's outcome. Unlike the polls and reports, a refusal only ends
   * this capture: the session may have changed since it started (the server restarted).
   */
  private static void taken(HttpResponse<String> r) throws IOException {
    if (r.statusCode() / 100 != 2) {
      throw new IOException("the server answered " + r.statusCode() + ": " + message(r));
    }
  }

  private NodeHosts.Registration register() throws IOException, InterruptedException {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("api/v1/agents/" + host))
        .POST(HttpRequest.BodyPublishers.ofString("{}")), Duration.ofSeconds(30));
    if (r.statusCode() != 201) {
      throw new IOException("the server refused to register node host " + host + " (" + r.statusCode() + "): "
          + message(r));
    }
    NodeHosts.Registration reg;
    try {
      reg = AgentJson.registration(ExperimentJson.MAPPER.readTree(r.body()));
    } catch (IllegalArgumentException e) {
      throw new IOException("the server's registration answer is not understood: " + e.getMessage(), e);
    }
    pollSeconds = ExperimentJson.MAPPER.readTree(r.body()).path("pollSeconds").asInt(10);
    session = reg.session();
    return reg;
  }

  private List<HostCommand> poll() throws IOException, InterruptedException {
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("api/v1/agents/" + host + "/commands?session="
        + URLEncoder.encode(session, StandardCharsets.UTF_8))).GET(), Duration.ofSeconds(pollSeconds + 20L));
    check(r);
    List<HostCommand> commands = new ArrayList<>();
    for (JsonNode c : ExperimentJson.MAPPER.readTree(r.body()).path("commands")) {
      commands.add(AgentJson.command(c));
    }
    return commands;
  }

  private void reportLoop() {
    while (!closed) {
      try {
        Thread.sleep(REPORT_EVERY.toMillis());
        report();
      } catch (InterruptedException e) {
        return;
      } catch (SessionUnknown e) {
        // The polling thread registers again; the report goes to the new session.
      } catch (IOException e) {
        log.println("nsbed agent: cannot report to " + server + ": " + e.getMessage() + "; trying again");
      } catch (RuntimeException e) {
        log.println("nsbed agent: report failed: " + e.getMessage());
      }
    }
  }

  /** Sends the events and console output gathered since the last report; kept for the next try if it fails. */
  private void report() throws IOException, InterruptedException {
    for (NodeEvent e; (e = events.poll()) != null; ) {
      unsent.add(e);
    }
    for (Map.Entry<String, Long> o : consoleOffsets.entrySet()) {
      ConsoleText t = nodes.readConsole(o.getKey(), o.getValue());
      if (!t.text().isEmpty()) {
        unsentConsole.merge(o.getKey(), t.text(), String::concat);
      }
      o.setValue(t.nextOffset());
    }
    if (unsent.isEmpty() && unsentConsole.isEmpty()) {
      return;
    }
    String body = AgentJson.report(unsent, unsentConsole).toString();
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri("api/v1/agents/" + host + "/events?session="
        + URLEncoder.encode(session, StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)), Duration.ofSeconds(30));
    check(r);
    unsent.clear();
    unsentConsole.clear();
  }

  private void check(HttpResponse<String> r) throws IOException {
    if (r.statusCode() == 409) {
      closed = true;
      throw new Superseded("node host " + host + " was registered by another agent: " + message(r));
    }
    if (r.statusCode() == 404) {
      throw new SessionUnknown();
    }
    if (r.statusCode() / 100 != 2) {
      throw new IOException("the server answered " + r.statusCode() + ": " + message(r));
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder b, Duration timeout) throws IOException, InterruptedException {
    return http.send(b.header("Authorization", authorization).timeout(timeout).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return server.resolve(path);
  }

  private static String message(HttpResponse<String> r) {
    try {
      return ExperimentJson.MAPPER.readTree(r.body()).path("error").path("message").asText(r.body());
    } catch (IOException e) {
      return r.body();
    }
  }

  /** The server no longer knows the session: register again. */
  private static final class SessionUnknown extends RuntimeException {
    SessionUnknown() {
      super("session unknown", null, false, false);
    }
  }

  /** Stops taking commands and powers the host's nodes off (virtual machines are stopped). */
  @Override
  public void close() {
    closed = true;
    if (nodes != null) {
      try {
        nodes.nodes().forEach(n -> nodes.power(n, PowerAction.OFF));
      } finally {
        nodes.close();
      }
    }
  }
}
