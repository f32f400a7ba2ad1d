package org.nsbed.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.CommandRun;
import org.nsbed.cli.server.ServerProcess.Answer;
import org.nsbed.server.api.ApiRoutes;

/**
 * Who may use each API call: no token or a revoked one gets 401 everywhere but health and the
 * OpenAPI document; a user of another project gets 403 on every experiment, node and image of
 * the project and sees none of its rows in lists; bad input gets 400 or 413 with a JSON error.
 */
class ServerSecurityTest {
  @TempDir static Path home;
  static ServerProcess server;
  static String held;
  static final String ONE_NODE = "source tb_compat.tcl\nset ns [new Simulator]\nset n [$ns node]\n$ns run\n";

  /** alice (project testbed) has an active one-node experiment and a private image descriptor. */
  @BeforeAll
  static void aliceHasAnExperimentAndAnImage() throws Exception {
    server = ServerProcess.start(home);
    Answer start = server.post(server.aliceToken, "/api/v1/experiments",
        Map.of("pid", "testbed", "eid", "secret", "nsFile", ONE_NODE, "swapIn", true));
    assertEquals(201, start.status(), start.body());
    assertEquals("done", server.awaitOperation(server.aliceToken, start.json().path("operation").asText(), 240)
        .path("state").asText());
    held = server.get(server.aliceToken, "/api/v1/experiments/testbed/secret").json().path("nodes").get(0)
        .path("physical").asText();
    Answer image = server.post(server.aliceToken, "/api/v1/images", Map.of("project", "testbed", "name", "PRIVATE",
        "description", "alice's", "os", "Linux", "version", "1", "nodeTypes", List.of("pc850")));
    assertEquals(201, image.status(), image.body());
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  /** Every call with sample arguments that name alice's things. */
  static List<String[]> calls() {
    return List.of(
        new String[] {"GET", "/api/v1/experiments", null},
        new String[] {"POST", "/api/v1/experiments", "{\"pid\":\"testbed\",\"eid\":\"x\",\"nsFile\":\"\"}"},
        new String[] {"GET", "/api/v1/experiments/testbed/secret", null},
        new String[] {"DELETE", "/api/v1/experiments/testbed/secret", null},
        new String[] {"POST", "/api/v1/experiments/testbed/secret/swapin", null},
        new String[] {"POST", "/api/v1/experiments/testbed/secret/swapout", null},
        new String[] {"PUT", "/api/v1/experiments/testbed/secret/nsfile", ONE_NODE},
        new String[] {"GET", "/api/v1/operations?kind=reload&state=unfinished", null},
        new String[] {"GET", "/api/v1/operations/swapin-0", null},
        new String[] {"GET", "/api/v1/events?experiment=testbed/secret", null},
        new String[] {"GET", "/api/v1/nodes", null},
        new String[] {"POST", "/api/v1/nodes/pc1/reload", "{}"},
        new String[] {"POST", "/api/v1/reloads", "{\"nodes\":[\"pc1\"]}"},
        new String[] {"POST", "/api/v1/nodes/pc1/reboot", null},
        new String[] {"POST", "/api/v1/reboots", "{\"nodes\":[\"pc1\"]}"},
        new String[] {"GET", "/api/v1/nodes/pc1/console", null},
        new String[] {"POST", "/api/v1/nodes/pc1/console", "{\"text\":\"ls\"}"},
        new String[] {"GET", "/api/v1/images", null},
        new String[] {"POST", "/api/v1/images", "{}"},
        new String[] {"POST", "/api/v1/images/testbed/PRIVATE/capture", "{\"node\":\"pc1\"}"},
        new String[] {"GET", "/api/v1/osids", null},
        new String[] {"POST", "/api/v1/agents/h1", "{}"},
        new String[] {"GET", "/api/v1/agents/h1/commands?session=" + "0".repeat(32), null},
        new String[] {"POST", "/api/v1/agents/h1/events?session=" + "0".repeat(32), "{}"},
        new String[] {"POST", "/api/v1/agents/h1/captures/" + "0".repeat(32) + "?session=" + "0".repeat(32), "{}"});
  }

  @Test
  void everyCallButHealthAndTheDocumentNeedsAToken() throws Exception {
    assertEquals(calls().size() + 2, ApiRoutes.ROUTES.size(), "the sample calls cover every route");
    for (String[] c : calls()) {
      Answer a = server.call(null, c[0], c[1], c[2]);
      assertEquals(401, a.status(), c[0] + " " + c[1] + ": " + a.body());
      assertTrue(a.message().contains("API token is required"), a.body());
      Answer forged = server.call("nsb_forged-token-that-was-never-issued", c[0], c[1], c[2]);
      assertEquals(401, forged.status(), c[0] + " " + c[1] + ": " + forged.body());
    }
    assertEquals(200, server.get(null, "/api/v1/health").status());
    assertEquals(200, server.get(null, "/api/v1/openapi.json").status());
  }

  @Test
  void aRevokedTokenIsRefused() throws Exception {
    CommandRun create = ServerProcess.nsbed(home, "root", "--json", "user", "token", "create", "alice");
    JsonNode token = ServerProcess.JSON.readTree(create.out());
    assertEquals(200, server.get(token.path("token").asText(), "/api/v1/experiments").status());
    CommandRun revoke = ServerProcess.nsbed(home, "root", "user", "token", "revoke", token.path("id").asText());
    assertEquals(0, revoke.exit(), revoke.err());
    Answer after = server.get(token.path("token").asText(), "/api/v1/experiments");
    assertEquals(401, after.status(), after.body());
    assertTrue(after.message().contains("not valid"), after.body());
  }

  @Test
  void aUserOfAnotherProjectIsRefusedOnEveryExperimentNodeAndImageCall() throws Exception {
    List<String[]> refused = List.of(
        new String[] {"GET", "/api/v1/experiments/testbed/secret", null},
        new String[] {"DELETE", "/api/v1/experiments/testbed/secret", null},
        new String[] {"POST", "/api/v1/experiments/testbed/secret/swapin", null},
        new String[] {"POST", "/api/v1/experiments/testbed/secret/swapout", null},
        new String[] {"PUT", "/api/v1/experiments/testbed/secret/nsfile", ONE_NODE},
        new String[] {"POST", "/api/v1/experiments", "{\"pid\":\"testbed\",\"eid\":\"intruder\",\"nsFile\":\""
            + ONE_NODE.replace("\n", "\\n") + "\"}"},
        new String[] {"GET", "/api/v1/events?experiment=testbed/secret", null},
        new String[] {"POST", "/api/v1/nodes/" + held + "/reload", "{}"},
        new String[] {"POST", "/api/v1/reloads", "{\"nodes\":[\"" + held + "\"]}"},
        new String[] {"POST", "/api/v1/nodes/" + held + "/reboot", null},
        new String[] {"POST", "/api/v1/reboots", "{\"nodes\":[\"" + held + "\"]}"},
        new String[] {"GET", "/api/v1/nodes/" + held + "/console", null},
        new String[] {"POST", "/api/v1/nodes/" + held + "/console", "{\"text\":\"cat /etc/shadow\"}"},
        new String[] {"POST", "/api/v1/images", "{\"project\":\"testbed\",\"name\":\"MINE\",\"description\":\"d\","
            + "\"os\":\"Linux\",\"version\":\"1\",\"nodeTypes\":[\"pc850\"]}"},
        new String[] {"POST", "/api/v1/images/testbed/PRIVATE/capture", "{\"node\":\"" + held + "\"}"});
    for (String[] c : refused) {
      Answer a = server.call(server.bobToken, c[0], c[1], c[2]);
      assertEquals(403, a.status(), "bob " + c[0] + " " + c[1] + ": " + a.body());
      assertTrue(a.contentType().startsWith("application/json"), a.contentType());
      assertTrue(a.message().contains("bob"), a.body());
    }
    Answer still = server.get(server.aliceToken, "/api/v1/experiments/testbed/secret");
    assertEquals("active", still.json().path("state").asText(), "nothing bob asked was done: " + still.body());
    Answer start = server.get(server.aliceToken, "/api/v1/experiments");
    String op = still.json().path("runningOperation").asText(null);
    assertEquals(null, op, "no operation was started for bob: " + start.body());
  }

  @Test
  void listsHoldNoRowsOfAnotherProject() throws Exception {
    Answer experiments = server.get(server.bobToken, "/api/v1/experiments");
    assertEquals(200, experiments.status());
    assertEquals(0, experiments.json().size(), experiments.body());
    Answer nodes = server.get(server.bobToken, "/api/v1/nodes");
    for (JsonNode n : nodes.json()) {
      assertFalse(n.path("name").asText().equals(held), "bob sees alice's node: " + n);
      assertTrue(n.path("pid").isNull() || n.path("pid").asText().equals("otherproj"), n.toString());
    }
    Answer images = server.get(server.bobToken, "/api/v1/images");
    assertFalse(images.body().contains("PRIVATE"), images.body());
    Answer aliceImages = server.get(server.aliceToken, "/api/v1/images");
    assertTrue(aliceImages.body().contains("PRIVATE"), "the member sees it: " + aliceImages.body());
    Answer aliceList = server.get(server.aliceToken, "/api/v1/experiments");
    assertTrue(aliceList.body().contains("\"secret\""), aliceList.body());
    aliceList.json().forEach(e -> assertEquals("testbed", e.path("pid").asText()));
    Answer rootList = server.get(server.rootToken, "/api/v1/experiments");
    assertTrue(rootList.json().size() >= 1, "admins see all: " + rootList.body());
    assertEquals(200, server.get(server.rootToken, "/api/v1/nodes/" + held + "/console").status());
  }

  @Test
  void aFreeNodesConsoleIsForAdminsOnly() throws Exception {
    String free = held.equals("pc12") ? "pc11" : "pc12";
    assertEquals(403, server.get(server.aliceToken, "/api/v1/nodes/" + free + "/console").status());
    assertEquals(200, server.get(server.rootToken, "/api/v1/nodes/" + free + "/console").status());
    assertEquals(403, server.post(server.aliceToken, "/api/v1/nodes/" + free + "/console", Map.of("text", "ls"))
        .status());
  }

  @Test
  void typingOnAConsoleTakesOneLineAndASimulatedNodesConsoleTakesNone() throws Exception {
    String path = "/api/v1/nodes/" + held + "/console";
    for (String bad : List.of("ls\nreboot", "x".repeat(4097), "\u001b[2J")) {
      Answer a = server.post(server.aliceToken, path, Map.of("text", bad));
      assertEquals(400, a.status(), a.body());
      assertTrue(a.message().contains("one line"), a.body());
    }
    assertEquals(400, server.post(server.aliceToken, path, Map.of()).status());
    Answer logOnly = server.post(server.aliceToken, path, Map.of("text", "uname -a"));
    assertEquals(409, logOnly.status(), logOnly.body());
    assertTrue(logOnly.message().contains("is a log only"), logOnly.body());
  }

  @Test
  void anNsFileOfTwoMebibytesIsRefusedWith413() throws Exception {
    String big = "# " + "x".repeat(2 << 20) + "\n";
    Answer a = server.post(server.aliceToken, "/api/v1/experiments",
        Map.of("pid", "testbed", "eid", "big", "nsFile", big, "swapIn", false));
    assertEquals(413, a.status(), a.body().length() > 300 ? a.body().substring(0, 300) : a.body());
    Answer put = server.call(server.aliceToken, "PUT", "/api/v1/experiments/testbed/secret/nsfile", big);
    assertEquals(413, put.status());
    assertEquals(404, server.get(server.aliceToken, "/api/v1/experiments/testbed/big").status());
  }

  @Test
  void aMalformedBodyIsRefusedWith400() throws Exception {
    Answer a = server.call(server.aliceToken, "POST", "/api/v1/experiments", "{\"pid\": \"testbed\", ");
    assertEquals(400, a.status(), a.body());
    assertTrue(a.message().contains("not valid JSON"), a.body());
    Answer list = server.call(server.aliceToken, "POST", "/api/v1/experiments", "[1, 2]");
    assertEquals(400, list.status(), list.body());
    Answer type = server.call(server.aliceToken, "POST", "/api/v1/experiments",
        "{\"pid\":\"testbed\",\"eid\":\"t\",\"nsFile\":7}");
    assertEquals(400, type.status(), type.body());
    assertTrue(type.message().contains("nsFile"), type.body());
  }

  @Test
  void anExperimentsLogIsReadUpToTheLinesAskedForAndABadCountIsRefusedWith400() throws Exception {
    JsonNode all = server.get(server.aliceToken, "/api/v1/experiments/testbed/secret").json().path("log");
    assertTrue(all.size() > 2, all.toString());
    JsonNode last = server.get(server.aliceToken, "/api/v1/experiments/testbed/secret?log=2").json().path("log");
    assertEquals(List.of(all.get(all.size() - 2), all.get(all.size() - 1)), List.of(last.get(0), last.get(1)));
    assertEquals(2, last.size());
    for (String bad : List.of("-1", "x", "10001")) {
      Answer a = server.get(server.aliceToken, "/api/v1/experiments/testbed/secret?log=" + bad);
      assertEquals(400, a.status(), bad + ": " + a.body());
      assertTrue(a.message().contains("log must be a whole number"), a.body());
    }
  }

  @Test
  void experimentNamesWithSlashesOrDotsAreRefusedWith400() throws Exception {
    for (String eid : List.of("../x", "a/b", "..", "x y", "")) {
      Answer a = server.post(server.aliceToken, "/api/v1/experiments",
          Map.of("pid", "testbed", "eid", eid, "nsFile", ONE_NODE));
      assertEquals(400, a.status(), eid + ": " + a.body());
      assertTrue(a.message().contains("experiment name"), a.body());
    }
    Answer pid = server.post(server.aliceToken, "/api/v1/experiments",
        Map.of("pid", "../testbed", "eid", "ok", "nsFile", ONE_NODE));
    assertEquals(400, pid.status(), pid.body());
  }

  @Test
  void htmlInADescriptionComesBackAsPlainData() throws Exception {
    String html = "<script>alert('x')</script><b>bold</b> & \"quoted\"";
    Answer a = server.post(server.aliceToken, "/api/v1/experiments",
        Map.of("pid", "testbed", "eid", "html", "nsFile", ONE_NODE, "description", html));
    assertEquals(201, a.status(), a.body());
    Answer back = server.get(server.aliceToken, "/api/v1/experiments/testbed/html");
    assertTrue(back.contentType().startsWith("application/json"), back.contentType());
    assertEquals(html, back.json().path("description").asText());
  }

  @Test
  void anNsFileWithErrorsIsRefusedWithItsDiagnosticsAndNothingIsStored() throws Exception {
    Answer a = server.post(server.aliceToken, "/api/v1/experiments", Map.of("pid", "testbed", "eid", "broken",
        "nsFile", "source tb_compat.tcl\nset ns [new Simulator]\nset n [$ns node]\ntb-set-node-os $n NO-SUCH-OS\n"
            + "$ns run\n"));
    assertEquals(400, a.status(), a.body());
    JsonNode d = a.json().path("error").path("diagnostics");
    assertTrue(d.size() >= 1, a.body());
    assertEquals(4, d.get(0).path("line").asInt(), a.body());
    assertEquals(404, server.get(server.aliceToken, "/api/v1/experiments/testbed/broken").status());
  }

  @Test
  void aNameThatExistsIsAConflict() throws Exception {
    Answer a = server.post(server.aliceToken, "/api/v1/experiments",
        Map.of("pid", "testbed", "eid", "secret", "nsFile", ONE_NODE));
    assertEquals(409, a.status(), a.body());
  }

  @Test
  void theOpenApiDocumentListsEveryRouteTheServerAnswers() throws Exception {
    JsonNode doc = server.get(null, "/api/v1/openapi.json").json();
    assertEquals("3.0.3", doc.path("openapi").asText());
    Set<String> documented = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> p = paths.next();
      p.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey()));
    }
    assertEquals(new HashSet<>(ApiRoutes.ROUTES), documented);
    for (String route : ApiRoutes.ROUTES) {
      String method = route.substring(0, route.indexOf(' '));
      String path = route.substring(route.indexOf(' ') + 1).replace("{pid}", "testbed").replace("{eid}", "nosuch")
          .replace("{node}", "pc999").replace("{name}", "NOSUCH").replace("{id}", "nosuch").replace("{host}", "nohost")
          .replace("{capture}", "0".repeat(32))
          + (route.equals("GET /api/v1/operations") ? "?kind=reload&state=unfinished" : "");
      Answer a = server.call(server.rootToken, method, path, method.equals("GET") ? null : "{}");
      assertFalse(a.status() == 404 && a.message().startsWith("Endpoint "), route + " is served: " + a.body());
      assertFalse(a.status() == 405, route + ": " + a.body());
      assertFalse(a.status() >= 500, route + ": " + a.body());
    }
  }
}
