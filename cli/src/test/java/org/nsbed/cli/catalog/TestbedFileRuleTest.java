package org.nsbed.cli.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.CommandRun;

/**
 * The file a user gives ({@code testbed init FILE} or {@code --testbed FILE}) is the testbed of the
 * home: nothing of the built-in default is imported with it, its faults take effect at swap-in,
 * and importing a changed file converges the node inventory to it.
 */
class TestbedFileRuleTest {
  @TempDir Path dir;

  private CommandRun nsbed(Path home, String... args) {
    return CommandRun.nsbed(List.of("--home", home.toString(), "--user", "tester"), args);
  }

  private static JsonNode json(CommandRun run) throws Exception {
    assertEquals(0, run.exit(), run.out() + run.err());
    return new ObjectMapper().readTree(run.out());
  }

  private Path testbed(String name, String nodes, String extra) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, String.join("\n",
        "projects: [emulab-ops, testbed]",
        "nodeTypes:",
        "  - {name: pc850, class: pc, defaultOs: FBSD-STD}",
        "nodes:",
        "  - {names: \"" + nodes + "\", type: pc850}",
        "osids:",
        "  - {name: FBSD-STD, project: emulab-ops, os: FreeBSD, version: \"10.3\", shared: true}",
        "images:",
        "  - {name: FBSD-STD, project: emulab-ops, global: true, partitions: {1: FBSD-STD}, nodeTypes: [pc850]}",
        extra, ""));
    return file;
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(n -> names.add(n.get("name").asText()));
    return names;
  }

  @Test
  void testbedInitOnAFreshHomeImportsOnlyTheGivenFile() throws Exception {
    Path home = dir.resolve("home");
    Path file = testbed("mytestbed.yaml", "pc[1-10]", "");
    CommandRun init = nsbed(home, "testbed", "init", file.toString());
    assertEquals(0, init.exit(), init.out() + init.err());
    assertEquals(10, json(nsbed(home, "--json", "node", "list")).size());
    assertEquals(List.of("FBSD-STD"), names(json(nsbed(home, "--json", "image", "list"))));
    assertEquals(List.of("FBSD-STD"), names(json(nsbed(home, "--json", "osid", "list"))));
    assertEquals(Files.readString(file), Files.readString(home.resolve("testbed.yaml")));
  }

  @Test
  void theTestbedOptionOnAFreshHomeImportsOnlyThatFile() throws Exception {
    Path home = dir.resolve("home");
    Path file = testbed("mytestbed.yaml", "pc[1-10]", "");
    JsonNode nodes = json(nsbed(home, "--testbed", file.toString(), "--json", "node", "list"));
    assertEquals(10, nodes.size());
    assertEquals(10, json(nsbed(home, "--json", "node", "list")).size(), "later commands use the same testbed");
  }

  @Test
  void aTestbedOptionThatIsNotTheHomesTestbedIsRefusedAndChangesNothing() throws Exception {
    Path home = dir.resolve("home");
    nsbed(home, "testbed", "init", testbed("a.yaml", "pc[1-10]", "").toString());
    CommandRun other = nsbed(home, "--testbed", testbed("b.yaml", "pc[1-3]", "").toString(), "node", "list");
    assertEquals(1, other.exit(), other.out() + other.err());
    assertTrue(other.err().contains("testbed init"), other.err());
    assertEquals(10, json(nsbed(home, "--json", "node", "list")).size());
  }

  @Test
  void theFaultsOfTheImportedFileTakeEffectAtSwapIn() throws Exception {
    Path home = dir.resolve("home");
    Path file = testbed("faulty.yaml", "pc[1-2]",
        "faults:\n  - {node: pc1, boot: never}\n  - {node: pc2, boot: never}");
    assertEquals(0, nsbed(home, "testbed", "init", file.toString()).exit());
    Path ns = dir.resolve("one.ns");
    Files.writeString(ns, "source tb_compat.tcl\nset ns [new Simulator]\nset n [$ns node]\n"
        + "tb-set-node-failure-action $n nonfatal\n$ns run\n");
    CommandRun start = nsbed(home, "startexp", "-i", "-w", "-p", "testbed", "-e", "faulty", ns.toString());
    JsonNode node = json(nsbed(home, "--json", "expinfo", "-e", "testbed,faulty")).get("nodes").get(0);
    assertEquals("failed", node.get("status").asText(), start.out() + start.err());
    assertFalse(node.get("reason").asText().contains("disk load"), "the boot failed, not the load: " + node);
  }

  @Test
  void initWithAChangedFileRemovesFreeNodesAndKeepsReservedOnes() throws Exception {
    Path home = dir.resolve("home");
    assertEquals(0, nsbed(home, "testbed", "init", testbed("t.yaml", "pc[1-4]", "").toString()).exit());
    Path ns = dir.resolve("one.ns");
    Files.writeString(ns, "source tb_compat.tcl\nset ns [new Simulator]\nset n [$ns node]\n"
        + "tb-fix-node $n pc4\n$ns run\n");
    CommandRun start = nsbed(home, "startexp", "-i", "-w", "-p", "testbed", "-e", "holds", ns.toString());
    assertEquals(0, start.exit(), start.out() + start.err());

    CommandRun init = nsbed(home, "testbed", "init", testbed("t.yaml", "pc[1-2]", "").toString());
    assertEquals(0, init.exit(), init.out() + init.err());
    assertTrue(init.out().contains("removed (no longer in the file): pc3"), init.out());
    assertTrue(init.out().contains("pc4 (reserved to testbed/holds)"), init.out());
    List<String> nodes = names(json(nsbed(home, "--json", "node", "list")));
    assertEquals(List.of("pc1", "pc2", "pc4"), nodes);
    assertFalse(nodes.contains("pc3"));
  }
}
