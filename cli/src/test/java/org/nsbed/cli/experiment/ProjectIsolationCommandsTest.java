package org.nsbed.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.CommandRun;

/**
 * Reads follow the same project rules as writes: only members of an experiment's project (and
 * testbed admins) see it with {@code expinfo} or read its nodes' consoles.
 */
class ProjectIsolationCommandsTest {
  @TempDir static Path home;
  static String held;

  static CommandRun as(String user, String... args) {
    return CommandRun.nsbed(List.of("--home", home.toString(), "--user", user), args);
  }

  /** root is an admin, alice is in testbed, bob only in otherproj; alice has an active experiment. */
  @BeforeAll
  static void aliceHoldsANodeInProjectTestbed() throws Exception {
    assertEquals(0, as("root", "node", "list").exit());
    Path file = home.resolve("testbed.yaml");
    Files.writeString(file, Files.readString(file).replaceFirst("(?m)^nodeTypes:",
        "users:\n  - {name: root, admin: true}\n  - {name: alice, projects: {testbed: user}}\n"
            + "  - {name: bob, projects: {otherproj: user}}\nnodeTypes:"));
    CommandRun init = as("root", "testbed", "init");
    assertEquals(0, init.exit(), init.out() + init.err());
    Path ns = home.resolve("one.ns");
    Files.writeString(ns, "source tb_compat.tcl\nset ns [new Simulator]\nset n [$ns node]\n$ns run\n");
    CommandRun start = as("alice", "startexp", "-i", "-w", "-p", "testbed", "-e", "private", ns.toString());
    assertEquals(0, start.exit(), start.out() + start.err());
    CommandRun info = as("alice", "--json", "expinfo", "-e", "testbed,private");
    assertEquals(0, info.exit(), info.err());
    held = new ObjectMapper().readTree(info.out()).get("nodes").get(0).get("physical").asText();
  }

  @Test
  void aUserOutsideTheProjectCannotReadItsExperiment() {
    CommandRun bob = as("bob", "expinfo", "-e", "testbed,private");
    assertEquals(1, bob.exit(), bob.out() + bob.err());
    assertTrue(bob.err().contains("user bob may not act in project testbed"), bob.err());
    assertFalse(bob.out().contains(held), "nothing of the experiment is shown: " + bob.out());
    CommandRun json = as("bob", "--json", "expinfo", "-e", "testbed,private");
    assertEquals(1, json.exit());
    assertEquals("", json.out());
  }

  @Test
  void anUnknownUserCannotReadAnExperiment() {
    CommandRun mallory = as("mallory", "expinfo", "-e", "testbed,private");
    assertEquals(1, mallory.exit(), mallory.out() + mallory.err());
    assertTrue(mallory.err().contains("unknown user mallory"), mallory.err());
    assertEquals("", mallory.out());
  }

  @Test
  void membersAndAdminsReadTheExperiment() {
    for (String user : List.of("alice", "root")) {
      CommandRun r = as(user, "expinfo", "-e", "testbed,private");
      assertEquals(0, r.exit(), user + ": " + r.err());
      assertTrue(r.out().contains(held), r.out());
    }
  }

  @Test
  void aUserOutsideTheProjectCannotReadTheConsoleOfItsNode() {
    CommandRun bob = as("bob", "console", held);
    assertEquals(1, bob.exit(), bob.out() + bob.err());
    assertTrue(bob.err().contains("may not read the console of " + held), bob.err());
    assertEquals("", bob.out());
    assertEquals(1, as("mallory", "console", held).exit());
  }

  @Test
  void theHolderAndAdminsReadTheConsole() {
    CommandRun alice = as("alice", "console", held);
    assertEquals(0, alice.exit(), alice.err());
    assertTrue(alice.out().contains("login:"), alice.out());
    assertEquals(0, as("root", "console", held).exit());
  }

  @Test
  void aFreeNodesConsoleIsForAdminsOnly() {
    String free = held.equals("pc12") ? "pc11" : "pc12";
    CommandRun alice = as("alice", "console", free);
    assertEquals(1, alice.exit(), alice.out() + alice.err());
    assertTrue(alice.err().contains("may not read the console of " + free), alice.err());
  }

  @Test
  void aNegativeLogLengthIsAUsageError() {
    CommandRun r = as("alice", "expinfo", "-e", "testbed,private", "--log", "-1");
    assertEquals(2, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("--log takes a number of lines"), r.err());
  }

  @Test
  void anUnknownNodeIsNamed() {
    CommandRun r = as("root", "console", "pc999");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("No such node pc999"), r.err());
  }
}
