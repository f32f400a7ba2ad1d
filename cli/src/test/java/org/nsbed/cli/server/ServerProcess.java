package org.nsbed.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.nsbed.cli.CommandRun;
import org.nsbed.cli.Nsbed;

/**
 * A real {@code nsbed server} process on 127.0.0.1 (a free port) over a home of its own (or one it
 * shares with other servers of a {@link Site}), and the calls tests make to it. The home's testbed has an admin (root), a member of project testbed
 * (alice) and a member of project otherproj only (bob), each with an API token.
 */
final class ServerProcess implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final Path home;
  final String name;
  final String url;
  final String rootToken;
  final String aliceToken;
  final String bobToken;
  private final Process process;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private ServerProcess(Site site, String name, String url, Process process) {
    this.home = site.home();
    this.name = name;
    this.url = url;
    this.process = process;
    this.rootToken = site.rootToken();
    this.aliceToken = site.aliceToken();
    this.bobToken = site.bobToken();
  }

  static CommandRun nsbed(Path home, String user, String... args) {
    return nsbed(home, List.of(), user, args);
  }

  static CommandRun nsbed(Path home, List<String> globals, String user, String... args) {
    List<String> all = new ArrayList<>(List.of("--home", home.toString(), "--user", user));
    all.addAll(globals);
    return CommandRun.nsbed(all, args);
  }

  /**
   * A home made ready for servers: the testbed with the three users imported into its database
   * ({@code globals} such as {@code --db URL} go before every command), and their API tokens.
   */
  record Site(Path home, List<String> globals, String rootToken, String aliceToken, String bobToken) {

    /** Imports the three-user testbed, its text first passed through {@code edit}, and makes the tokens. */
    static Site prepare(Path home, List<String> globals, UnaryOperator<String> edit) throws IOException {
      CommandRun first = nsbed(home, globals, "root", "node", "list");
      assertEquals(0, first.exit(), first.out() + first.err());
      Path file = home.resolve("testbed.yaml");
      Files.writeString(file, edit.apply(Files.readString(file).replaceFirst("(?m)^nodeTypes:",
          "users:\n  - {name: root, admin: true}\n  - {name: alice, projects: {testbed: user}}\n"
              + "  - {name: bob, projects: {otherproj: user}}\nnodeTypes:")));
      CommandRun init = nsbed(home, globals, "root", "testbed", "init");
      assertEquals(0, init.exit(), init.out() + init.err());
      return new Site(home, globals, token(home, globals, "root"), token(home, globals, "alice"),
          token(home, globals, "bob"));
    }

    /** Starts {@code nsbed server --name NAME} on a free port; its standard error goes to {@code <home>/server-NAME.err}. */
    ServerProcess launch(String name) throws Exception {
      Process p = spawn(name, "server", "--port", "0", "--name", name);
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      if (first == null || !first.startsWith("nsbed server " + name + " listening on http://127.0.0.1:")) {
        p.destroyForcibly();
        throw new AssertionError("server did not start: " + first + "\n" + Files.readString(errors(name)));
      }
      Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "server-stdout-" + name);
      drain.setDaemon(true);
      drain.start();
      return new ServerProcess(this, name, first.substring(first.lastIndexOf(' ') + 1), p);
    }

    /** Runs {@code nsbed ARGS...} as a process of its own (standard error to {@code <home>/server-LABEL.err}). */
    Process spawn(String label, String... args) throws IOException {
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Nsbed.class.getName(),
          "--home", home.toString(), "--user", "root"));
      command.addAll(globals);
      command.addAll(List.of(args));
      return new ProcessBuilder(command).redirectError(errors(label).toFile()).start();
    }

    Path errors(String label) {
      return home.resolve("server-" + label + ".err");
    }
  }

  /** Imports the three-user testbed into {@code home} (no tokens, no server). */
  static void prepare(Path home) throws Exception {
    Site.prepare(home, List.of(), UnaryOperator.identity());
  }

  /** Imports the three-user testbed into {@code home}, makes the tokens and starts the server. */
  static ServerProcess start(Path home) throws Exception {
    return Site.prepare(home, List.of(), UnaryOperator.identity()).launch("test");
  }

  private static String token(Path home, List<String> globals, String user) {
    CommandRun r = nsbed(home, globals, "root", "-q", "user", "token", "create", user, "--label", "tests");
    assertEquals(0, r.exit(), r.err());
    return r.out().strip();
  }

  /** One answer: status and body. */
  record Answer(int status, String body, String contentType) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    String message() {
      return json().path("error").path("message").asText();
    }
  }

  Answer call(String token, String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
  }

  Answer get(String token, String path) throws IOException, InterruptedException {
    return call(token, "GET", path, null);
  }

  Answer post(String token, String path, Object body) throws IOException, InterruptedException {
    return call(token, "POST", path, body == null ? null : JSON.writeValueAsString(body));
  }

  /** Polls an operation until it has finished (or fails the test after {@code seconds}). */
  JsonNode awaitOperation(String token, String id, int seconds) throws Exception {
    Instant end = Instant.now().plusSeconds(seconds);
    while (Instant.now().isBefore(end)) {
      Answer a = get(token, "/api/v1/operations/" + id);
      assertEquals(200, a.status(), a.body());
      String state = a.json().path("state").asText();
      if (state.equals("done") || state.equals("failed")) {
        return a.json();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("operation " + id + " did not finish within " + seconds + " s");
  }

  /**
   * Reads the event stream of {@code experiment} until an event satisfies {@code until}; returns
   * every event read, in order.
   */
  List<JsonNode> events(String token, String experiment, Predicate<JsonNode> until, int seconds) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/events?experiment=" + experiment))
        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
    HttpResponse<java.io.InputStream> r = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
        .get(seconds, TimeUnit.SECONDS);
    assertEquals(200, r.statusCode());
    List<JsonNode> seen = new ArrayList<>();
    Instant end = Instant.now().plusSeconds(seconds);
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(Duration.between(Instant.now(), end).toMillis());
        r.body().close();
      } catch (InterruptedException | IOException e) {
        Thread.currentThread().interrupt();
      }
    });
    watchdog.setDaemon(true);
    watchdog.start();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("data: ")) {
          JsonNode event = JSON.readTree(line.substring(6));
          seen.add(event);
          if (until.test(event)) {
            return seen;
          }
        }
      }
    } catch (IOException closedByWatchdog) {
      // the deadline passed
    } finally {
      watchdog.interrupt();
    }
    throw new AssertionError("no awaited event within " + seconds + " s; saw " + seen);
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  /** Kills the server process at once (SIGKILL): no shutdown hook runs, as in a crash. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** True once the server process ended. */
  boolean exited(int seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS);
  }

  int exitValue() {
    return process.exitValue();
  }
}
