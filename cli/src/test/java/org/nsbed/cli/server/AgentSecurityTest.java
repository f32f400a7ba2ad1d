package org.nsbed.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.server.ServerProcess.Answer;

/**
 * Who may act as a node host's agent (docs/server.md, "Node hosts"): only testbed admins. A
 * member of a project (alice) and a member of another project (bob) cannot register a host, take
 * its commands, report its nodes' events or upload a captured image, even with a session an
 * admin's agent holds; what they tried changes nothing. An admin's agent may, for the nodes of its
 * own host and the captures under way only.
 */
class AgentSecurityTest {
  @TempDir static Path home;
  static ServerProcess server;

  @BeforeAll
  static void startServer() throws Exception {
    server = ServerProcess.Site.prepare(home, List.of(), text -> text.replace("{names: \"pc[1-12]\", type: pc850}",
        "{names: \"pc[1-10]\", type: pc850}\n  - {names: \"pc[11-12]\", type: pc850, host: h1}")).launch("agents");
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  private static String register(String token) throws Exception {
    Answer a = server.post(token, "/api/v1/agents/h1", Map.of());
    assertEquals(201, a.status(), a.body());
    return a.json().path("session").asText();
  }

  private static String event(String node, String state) throws Exception {
    return ServerProcess.JSON.writeValueAsString(Map.of("events", List.of(Map.of("node", node, "state", state,
        "detail", "forged", "bytesDone", 0, "bytesTotal", 0)), "console", List.of(Map.of("node", node,
        "text", "forged console line\n"))));
  }

  @Test
  void anAdminsAgentRegistersItsHostAndGetsItsNodes() throws Exception {
    Answer a = server.post(server.rootToken, "/api/v1/agents/h1", Map.of());
    assertEquals(201, a.status(), a.body());
    JsonNode nodes = a.json().path("nodes");
    assertEquals(List.of("pc11", "pc12"), List.of(nodes.get(0).path("name").asText(), nodes.get(1).path("name").asText()));
    assertEquals("simulated", nodes.get(0).path("driver").asText());
    assertTrue(a.json().path("session").asText().matches("[0-9a-f]{32}"), a.body());
  }

  @Test
  void usersWhoAreNotAdminsCannotRegisterPollOrReport() throws Exception {
    String session = register(server.rootToken);
    List<Path> files = files(home);
    for (String token : List.of(server.aliceToken, server.bobToken)) {
      List<String[]> refused = List.of(
          new String[] {"POST", "/api/v1/agents/h1", "{}"},
          new String[] {"POST", "/api/v1/agents/nohost", "{}"},
          new String[] {"GET", "/api/v1/agents/h1/commands?session=" + session, null},
          new String[] {"POST", "/api/v1/agents/h1/events?session=" + session, event("pc11", "ISUP")},
          new String[] {"POST", "/api/v1/agents/h1/captures/" + "a".repeat(32) + "?session=" + session, "forged image"},
          new String[] {"POST", "/api/v1/agents/h1/captures/" + "a".repeat(32) + "?session=" + session,
              "{\"error\": \"forged\"}"});
      for (String[] c : refused) {
        Answer a = server.call(token, c[0], c[1], c[2]);
        assertEquals(403, a.status(), c[0] + " " + c[1] + ": " + a.body());
        assertTrue(a.message().contains("only testbed admins"), a.body());
      }
    }
    // Nothing they tried took the host over or reached the node's console.
    Answer poll = server.get(server.rootToken, "/api/v1/agents/h1/commands?wait=0&session=" + session);
    assertEquals(200, poll.status(), "the admin's session is still the host's: " + poll.body());
    Answer console = server.get(server.rootToken, "/api/v1/nodes/pc11/console");
    assertEquals(200, console.status(), console.body());
    assertTrue(!console.json().path("text").asText().contains("forged"), console.body());
    assertEquals(files, files(home), "no image file appeared or went away");
  }

  @Test
  void anAgentUploadsAnImageOnlyForACaptureUnderWay() throws Exception {
    String session = register(server.rootToken);
    List<Path> files = files(home);
    Answer upload = server.call(server.rootToken, "POST", "/api/v1/agents/h1/captures/" + "b".repeat(32) + "?session="
        + session, "not asked for");
    assertEquals(400, upload.status(), upload.body());
    assertTrue(upload.message().contains("no capture " + "b".repeat(32) + " under way"), upload.body());
    assertEquals(files, files(home), "nothing was written");
  }

  /** The files of the projects in the server's home (their images). */
  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).filter(f -> f.toString().contains("/proj/")).sorted().toList();
    }
  }

  @Test
  void anAgentReportsOnlyForTheNodesOfItsOwnHost() throws Exception {
    String session = register(server.rootToken);
    Answer other = server.call(server.rootToken, "POST", "/api/v1/agents/h1/events?session=" + session,
        event("pc1", "ISUP"));
    assertEquals(400, other.status(), other.body());
    assertTrue(other.message().contains("pc1 does not live on node host h1"), other.body());
    Answer own = server.call(server.rootToken, "POST", "/api/v1/agents/h1/events?session=" + session,
        event("pc12", "SHUTDOWN"));
    assertEquals(204, own.status(), own.body());
    Answer console = server.get(server.rootToken, "/api/v1/nodes/pc12/console");
    assertTrue(console.json().path("text").asText().contains("forged console line"), console.body());
    Answer unknownHost = server.post(server.rootToken, "/api/v1/agents/nohost", Map.of());
    assertEquals(404, unknownHost.status(), unknownHost.body());
    Answer badState = server.call(server.rootToken, "POST", "/api/v1/agents/h1/events?session=" + session,
        event("pc12", "EXPLODED"));
    assertEquals(400, badState.status(), badState.body());
  }

  @Test
  void aSecondRegistrationEndsTheFirstSession() throws Exception {
    String first = register(server.rootToken);
    String second = register(server.rootToken);
    Answer stale = server.get(server.rootToken, "/api/v1/agents/h1/commands?session=" + first);
    assertEquals(409, stale.status(), stale.body());
    Answer staleReport = server.call(server.rootToken, "POST", "/api/v1/agents/h1/events?session=" + first,
        event("pc11", "ISUP"));
    assertEquals(409, staleReport.status(), staleReport.body());
    assertEquals(200, server.get(server.rootToken, "/api/v1/agents/h1/commands?wait=0&session=" + second).status());
    Answer forged = server.get(server.rootToken, "/api/v1/agents/h1/commands?session=" + "f".repeat(32));
    assertEquals(409, forged.status(), forged.body());
  }
}
