package org.nsbed.cli.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.CommandRun;

/** {@code nsbed node down|free}: testbed admins take physical nodes out of service and bring them back. */
class NodeServiceCommandsTest {
  @TempDir static Path home;
  static String held;

  static CommandRun as(String user, String... args) {
    return CommandRun.nsbed(List.of("--home", home.toString(), "--user", user), args);
  }

  static JsonNode node(String name) throws Exception {
    CommandRun r = as("root", "node", "list", "--json");
    assertEquals(0, r.exit(), r.err());
    for (JsonNode n : new ObjectMapper().readTree(r.out())) {
      if (n.get("name").asText().equals(name)) {
        return n;
      }
    }
    throw new AssertionError("no node " + name + " in " + r.out());
  }

  /** The default testbed plus an admin (root) and a project leader (alice), and one node held by an experiment. */
  @BeforeAll
  static void testbedWithUsersAndOneHeldNode() throws Exception {
    assertEquals(0, as("root", "node", "list").exit());
    Path file = home.resolve("testbed.yaml");
    Files.writeString(file, Files.readString(file).replaceFirst("(?m)^nodeTypes:",
        "users:\n  - {name: root, admin: true}\n  - {name: alice, projects: {testbed: leader}}\nnodeTypes:"));
    CommandRun init = as("root", "testbed", "init");
    assertEquals(0, init.exit(), init.out() + init.err());
    Path ns = home.resolve("one.ns");
    Files.writeString(ns, "source tb_compat.tcl\nset ns [new Simulator]\nset n [$ns node]\n"
        + "tb-set-hardware $n pc3000\n$ns run\n");
    CommandRun start = as("root", "startexp", "-i", "-w", "-p", "testbed", "-e", "held", ns.toString());
    assertEquals(0, start.exit(), start.out() + start.err());
    CommandRun info = as("root", "--json", "expinfo", "-e", "testbed,held");
    held = new ObjectMapper().readTree(info.out()).get("nodes").get(0).get("physical").asText();
  }

  @Test
  void adminTakesNodesDownWithAReasonAndFreesThem() throws Exception {
    CommandRun down = as("root", "node", "down", "pc1", "pc2", "--reason", "disk errors in dmesg");
    assertEquals(0, down.exit(), down.out() + down.err());
    assertTrue(down.out().contains("node pc1 is down: disk errors in dmesg"), down.out());
    assertEquals("down", node("pc2").get("state").asText());
    assertEquals("disk errors in dmesg", node("pc1").get("reason").asText());
    CommandRun table = as("root", "node", "list");
    assertTrue(table.out().lines().anyMatch(l -> l.startsWith("pc1 ") && l.contains("down")
        && l.contains("disk errors in dmesg")), table.out());
    CommandRun free = as("root", "-q", "--json", "node", "list", "--free");
    List<String> freeNames = new ArrayList<>();
    new ObjectMapper().readTree(free.out()).forEach(n -> freeNames.add(n.get("name").asText()));
    assertTrue(!freeNames.contains("pc1") && !freeNames.contains("pc2"), freeNames.toString());

    CommandRun back = as("root", "node", "free", "pc1", "pc2");
    assertEquals(0, back.exit(), back.out() + back.err());
    assertEquals("free", node("pc1").get("state").asText());
    assertTrue(node("pc1").get("reason").isNull());
    assertEquals("free", node("pc2").get("state").asText());
  }

  @Test
  void freeingAFreeNodeSaysSoAndLeavesItFree() throws Exception {
    CommandRun run = as("root", "node", "free", "pc3");
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("node pc3 was already free; nothing changed"), run.out());
    assertEquals("free", node("pc3").get("state").asText());
  }

  @Test
  void nonAdminIsRefusedAndNothingChanges() throws Exception {
    CommandRun run = as("alice", "node", "down", "pc4", "--reason", "mine");
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.err().contains("only testbed admins may run `nsbed node down`; user alice is not one"), run.err());
    assertEquals("free", node("pc4").get("state").asText());
    as("root", "node", "down", "pc5", "--reason", "fan");
    CommandRun free = as("alice", "node", "free", "pc5");
    assertEquals(1, free.exit());
    assertTrue(free.err().contains("only testbed admins may run `nsbed node free`"), free.err());
    assertEquals("down", node("pc5").get("state").asText());
  }

  @Test
  void unknownNodeIsNamedAndNoNodeChanges() throws Exception {
    CommandRun run = as("root", "node", "down", "pc6", "pc999", "--reason", "rack move");
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.err().contains("no node 'pc999' in this testbed"), run.err());
    assertEquals("free", node("pc6").get("state").asText());
  }

  @Test
  void nodeHeldByAnExperimentMustBeSwappedOutFirst() throws Exception {
    CommandRun run = as("root", "node", "down", "pc7", held, "--reason", "bad NIC");
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.err().contains("node " + held + " is reserved to experiment testbed/held; swap it out first"),
        run.err());
    assertEquals("reserved", node(held).get("state").asText());
    assertEquals("free", node("pc7").get("state").asText());
  }
}
