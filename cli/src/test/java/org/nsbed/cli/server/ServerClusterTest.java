package org.nsbed.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.server.ServerProcess.Answer;
import org.nsbed.cli.server.ServerProcess.Site;

/**
 * Several servers on one home: two servers share a MariaDB database, its image files and its
 * disks, and when the one running a swap-in is killed mid-load the other takes the job over; the
 * embedded database allows one server only, and one started after a server was killed finishes
 * its jobs.
 */
class ServerClusterTest {
  private static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";
  private static final String OPTIONS = "?user=root&password=&sslMode=disable";
  /** Six nodes of one type, so that the load is one multicast session with six clients. */
  private static final String SIX_NODES = "source tb_compat.tcl\nset ns [new Simulator]\n"
      + "for {set i 1} {$i <= 6} {incr i} {\n  set n($i) [$ns node]\n  tb-set-hardware $n($i) pc850\n}\n$ns run\n";
  private static final Pattern RUNNING_ON = Pattern.compile("running on (\\S+)");

  @TempDir Path home;
  private final List<ServerProcess> servers = new ArrayList<>();
  private String database;

  @AfterEach
  void stop() throws Exception {
    for (ServerProcess s : servers) {
      s.close();
    }
    if (database != null) {
      try (Connection c = DriverManager.getConnection(MARIADB + OPTIONS); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database);
      }
    }
  }

  private String createDatabase() throws Exception {
    database = "nsbed_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(MARIADB + OPTIONS); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
    }
    return MARIADB + database + OPTIONS;
  }

  @Test
  void theOtherServerTakesOverASwapInWhenTheServerRunningItIsKilledMidLoad() throws Exception {
    // A time scale of 0.1 makes each boot step last seconds, so the swap-in is caught mid-load.
    Site site = Site.prepare(home, List.of("--db", createDatabase()),
        t -> t.replaceFirst("simulation: \\{timeScale: [0-9.]+}", "simulation: {timeScale: 0.1}"));
    ServerProcess a = site.launch("a");
    servers.add(a);
    ServerProcess b = site.launch("b");
    servers.add(b);
    assertTrue(Files.readString(home.resolve("server.json")).contains("\"a\""), "the first server names the home");

    Answer start = a.post(a.aliceToken, "/api/v1/experiments",
        Map.of("pid", "testbed", "eid", "cluster", "nsFile", SIX_NODES, "swapIn", true));
    assertEquals(201, start.status(), start.body());
    String op = start.json().path("operation").asText();

    String runner = awaitMidLoad(a, op);
    ServerProcess victim = runner.equals("a") ? a : b;
    ServerProcess survivor = victim == a ? b : a;
    victim.kill();
    long killed = System.nanoTime();

    JsonNode done = survivor.awaitOperation(survivor.aliceToken, op, 60);
    double takeover = (System.nanoTime() - killed) / 1e9;
    System.out.printf("cluster takeover: %s killed, %s finished the swap-in in %.1f s: %s%n", victim.name,
        survivor.name, takeover, done.path("message").asText());
    JsonNode info = survivor.get(survivor.aliceToken, "/api/v1/experiments/testbed/cluster").json();
    assertTrue(log(info).stream().anyMatch(l -> l.contains(op + " running on " + survivor.name + " (taken over")),
        "the survivor took the job over: " + log(info));
    assertEndedCleanly(survivor, done, info);
  }

  /**
   * The swap-in either finished with all six nodes up or failed and left the experiment swapped;
   * no node is reserved to anything else, and the user got one notification for it.
   */
  private void assertEndedCleanly(ServerProcess server, JsonNode done, JsonNode info) throws Exception {
    if (done.path("state").asText().equals("done")) {
      assertEquals("active", info.path("state").asText(), info.toString());
      assertEquals(6, info.path("nodes").size());
      info.path("nodes").forEach(n -> assertEquals("up", n.path("status").asText(), info.toString()));
    } else {
      assertEquals("failed", done.path("state").asText(), done.toString());
      assertEquals("swapped", info.path("state").asText(), info.toString());
    }
    List<String> held = awaitNoReloads(server);
    List<String> expected = info.path("state").asText().equals("active")
        ? StreamSupport.stream(info.path("nodes").spliterator(), false).map(n -> n.path("physical").asText()).sorted()
            .toList()
        : List.of();
    assertEquals(expected, held, "every reserved node belongs to the active experiment");
    String mail = Files.readString(home.resolve("mail/alice"));
    assertEquals(1, count(mail, "Subject: Swap-in of testbed/cluster "), "one notification for the swap-in:\n" + mail);
  }

  @Test
  void aServerRestartedOnTheEmbeddedDatabaseFinishesTheSwapInItsPredecessorWasKilledIn() throws Exception {
    Site site = Site.prepare(home, List.of(),
        t -> t.replaceFirst("simulation: \\{timeScale: [0-9.]+}", "simulation: {timeScale: 0.1}"));
    ServerProcess first = site.launch("first");
    servers.add(first);
    Answer start = first.post(first.aliceToken, "/api/v1/experiments",
        Map.of("pid", "testbed", "eid", "cluster", "nsFile", SIX_NODES, "swapIn", true));
    assertEquals(201, start.status(), start.body());
    String op = start.json().path("operation").asText();
    awaitMidLoad(first, op);
    first.kill();

    ServerProcess restarted = site.launch("restarted");
    servers.add(restarted);
    JsonNode done = restarted.awaitOperation(restarted.aliceToken, op, 120);
    JsonNode info = restarted.get(restarted.aliceToken, "/api/v1/experiments/testbed/cluster").json();
    assertEndedCleanly(restarted, done, info);
    assertTrue(Files.readString(home.resolve("server.json")).contains("\"restarted\""),
        "the restarted server names the home");
  }

  /** Waits until a node of the swap-in is loading or booting; returns the server running it. */
  private static String awaitMidLoad(ServerProcess server, String op) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      JsonNode info = server.get(server.aliceToken, "/api/v1/experiments/testbed/cluster").json();
      Optional<String> runner = log(info).stream().filter(l -> l.startsWith(op + " running on "))
          .map(RUNNING_ON::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst();
      boolean loading = StreamSupport.stream(info.path("nodes").spliterator(), false)
          .anyMatch(n -> n.path("status").asText().matches("loading|booting"));
      boolean up = StreamSupport.stream(info.path("nodes").spliterator(), false)
          .anyMatch(n -> n.path("status").asText().equals("up"));
      assertTrue(!up, "the swap-in got a node up before the test saw it loading: " + info);
      if (runner.isPresent() && loading) {
        return runner.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the swap-in never started loading");
  }

  /** Waits (up to 60 s) until no node waits for a reload; returns the nodes reserved then, sorted. */
  private static List<String> awaitNoReloads(ServerProcess server) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      JsonNode nodes = server.get(server.rootToken, "/api/v1/nodes").json();
      List<String> held = new ArrayList<>();
      boolean reloading = false;
      for (JsonNode n : nodes) {
        if (n.path("eid").isNull() || n.path("eid").isMissingNode()) {
          continue;
        }
        String owner = n.path("pid").asText() + "/" + n.path("eid").asText();
        if (owner.equals("emulab-ops/reloading")) {
          reloading = true;
        } else {
          assertEquals("testbed/cluster", owner, "node " + n + " is reserved to an unexpected experiment");
          held.add(n.path("name").asText());
        }
      }
      if (!reloading) {
        return held.stream().sorted().toList();
      }
      assertTrue(System.nanoTime() < deadline, "nodes still wait for their reload: " + nodes);
      Thread.sleep(200);
    }
  }

  private static List<String> log(JsonNode info) {
    return StreamSupport.stream(info.path("log").spliterator(), false).map(l -> l.path("line").asText()).toList();
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void aSecondServerOnTheEmbeddedDatabaseRefusesToStart() throws Exception {
    Site site = Site.prepare(home, List.of(), t -> t);
    ServerProcess first = site.launch("first");
    servers.add(first);
    Process second = site.spawn("second", "server", "--port", "0", "--name", "second");
    assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second server did not stop");
    assertNotEquals(0, second.exitValue());
    String err = Files.readString(site.errors("second"));
    assertTrue(err.contains("a server already runs on " + home + " (first at " + first.url)
        && err.contains("the embedded database allows one server. Use MariaDB (--db) for several"), err);
    assertTrue(!err.contains("\tat "), "no stack trace: " + err);
    assertEquals(200, first.get(null, "/api/v1/health").status(), "the first server runs on");
  }
}
