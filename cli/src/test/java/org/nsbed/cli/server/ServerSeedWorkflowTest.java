package org.nsbed.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.server.ServerProcess.Answer;

/**
 * The custom OS image workflow (docs/lifecycle.md, "The custom-image workflow of the user
 * documentation") through the API alone, against a real server process: startexp with swap-in, the
 * events until it is active, the New Image Descriptor, create_image, a second experiment on the new
 * OSID, os_load back, swap-out, endexp.
 */
class ServerSeedWorkflowTest {
  @TempDir static Path home;
  static ServerProcess server;

  @BeforeAll
  static void startServer() throws Exception {
    server = ServerProcess.start(home);
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  private static boolean activeOrFailed(JsonNode event) {
    return event.path("type").asText().equals("operation") && event.path("state").asText().matches("done|failed");
  }

  private JsonNode startAndAwaitActive(String eid, String nsFile) throws Exception {
    Answer start = server.post(server.aliceToken, "/api/v1/experiments",
        Map.of("pid", "testbed", "eid", eid, "nsFile", nsFile, "swapIn", true, "description", "through the API"));
    assertEquals(201, start.status(), start.body());
    String op = start.json().path("operation").asText();
    assertTrue(op.startsWith("swapin-"), start.body());
    List<JsonNode> events = server.events(server.aliceToken, "testbed/" + eid,
        e -> activeOrFailed(e) && e.path("id").asText().equals(op)
            || e.path("type").asText().equals("experiment") && e.path("state").asText().equals("active"), 240);
    assertTrue(events.stream().anyMatch(e -> e.path("type").asText().equals("node")
        && e.path("nodeType").asText().equals("pc850") && e.path("status").asText().matches("loading|booting|up")),
        "node progress: " + events);
    JsonNode done = server.awaitOperation(server.aliceToken, op, 240);
    assertEquals("done", done.path("state").asText(), done.toString());
    Answer info = server.get(server.aliceToken, "/api/v1/experiments/testbed/" + eid);
    assertEquals(200, info.status(), info.body());
    assertEquals("active", info.json().path("state").asText(), info.body());
    return info.json();
  }

  @Test
  void theSeedWorkflowRunsThroughTheApiAlone() throws Exception {
    String seed = Files.readString(Path.of("../examples-ns/seed.ns"));
    JsonNode base = startAndAwaitActive("base", seed);
    JsonNode nodeA = base.path("nodes").get(0);
    assertEquals("up", nodeA.path("status").asText());
    assertTrue(base.path("log").size() > 0, "the log comes with the experiment: " + base);
    String pcA = nodeA.path("physical").asText();

    Answer form = server.post(server.aliceToken, "/api/v1/images", Map.of("project", "testbed", "name", "MYIMG",
        "description", "my image", "os", "FreeBSD", "version", "10.3", "nodeTypes", List.of("pc850")));
    assertEquals(201, form.status(), form.body());
    assertEquals("MYIMG", form.json().path("name").asText());
    Answer capture = server.post(server.aliceToken, "/api/v1/images/testbed/MYIMG/capture", Map.of("node", pcA));
    assertEquals(202, capture.status(), capture.body());
    JsonNode captured = server.awaitOperation(server.aliceToken, capture.json().path("operation").asText(), 240);
    assertEquals("done", captured.path("state").asText(), captured.toString());
    Answer images = server.get(server.aliceToken, "/api/v1/images");
    assertTrue(images.body().contains("\"MYIMG\"") && images.json().findValues("fileExists").stream()
        .anyMatch(JsonNode::asBoolean), images.body());

    JsonNode test = startAndAwaitActive("test",
        "source tb_compat.tcl\nset ns [new Simulator]\nset n [$ns node]\ntb-set-node-os $n MYIMG\n$ns run\n");
    JsonNode n = test.path("nodes").get(0);
    assertEquals("testbed/MYIMG", n.path("image").asText());
    String pcB = n.path("physical").asText();
    assertNotEquals(pcA, pcB);

    Answer reload = server.post(server.aliceToken, "/api/v1/nodes/" + pcB + "/reload", Map.of());
    assertEquals(202, reload.status(), reload.body());
    JsonNode reloaded = server.awaitOperation(server.aliceToken, reload.json().path("operation").asText(), 240);
    assertEquals("done", reloaded.path("state").asText(), reloaded.toString());
    JsonNode after = server.get(server.aliceToken, "/api/v1/experiments/testbed/test").json();
    // pc850's default OS in the default testbed.
    assertEquals("emulab-ops/Ubuntu-STD", after.path("nodes").get(0).path("image").asText(), after.toString());

    Answer console = server.get(server.aliceToken, "/api/v1/nodes/" + pcB + "/console?offset=0");
    assertEquals(200, console.status(), console.body());
    assertTrue(console.json().path("text").asText().contains("login:"), console.body());
    long offset = console.json().path("offset").asLong();
    Answer rest = server.get(server.aliceToken, "/api/v1/nodes/" + pcB + "/console?offset=" + offset);
    assertEquals("", rest.json().path("text").asText());

    for (String eid : List.of("base", "test")) {
      Answer out = server.post(server.aliceToken, "/api/v1/experiments/testbed/" + eid + "/swapout", null);
      assertEquals(202, out.status(), out.body());
      assertEquals("done", server.awaitOperation(server.aliceToken, out.json().path("operation").asText(), 240)
          .path("state").asText());
      Answer end = server.call(server.aliceToken, "DELETE", "/api/v1/experiments/testbed/" + eid, null);
      assertEquals(202, end.status(), end.body());
      assertEquals("done", server.awaitOperation(server.aliceToken, end.json().path("operation").asText(), 240)
          .path("state").asText());
      assertEquals(404, server.get(server.aliceToken, "/api/v1/experiments/testbed/" + eid).status());
    }
    assertTrue(Files.readString(home.resolve("mail/alice")).contains("create_image testbed/MYIMG from " + pcA));
  }

  @Test
  void aQueuedSwapInRunsWithoutAnyOtherCommand() throws Exception {
    Answer start = server.post(server.aliceToken, "/api/v1/experiments", Map.of("pid", "testbed", "eid", "queued",
        "nsFile", "source tb_compat.tcl\nset ns [new Simulator]\nset n [$ns node]\n$ns run\n", "swapIn", true));
    assertEquals(201, start.status(), start.body());
    JsonNode done = server.awaitOperation(server.aliceToken, start.json().path("operation").asText(), 240);
    assertEquals("done", done.path("state").asText(), done.toString());
    Answer end = server.call(server.aliceToken, "DELETE", "/api/v1/experiments/testbed/queued", null);
    assertEquals("done", server.awaitOperation(server.aliceToken, end.json().path("operation").asText(), 240)
        .path("state").asText());
  }
}
