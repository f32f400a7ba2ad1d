package org.nsbed.cli.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.CommandRun;

/** os_load's outcome: exit status 3 when any node failed, the failed nodes named, per-node results in JSON. */
class OsLoadResultTest {
  @TempDir Path home;

  private CommandRun nsbed(String... args) {
    return CommandRun.nsbed(List.of("--home", home.toString(), "--user", "tester"), args);
  }

  @Test
  void aFailedNodeGivesExitStatusThreeNamesTheNodeAndEachNodeHasItsResult() throws Exception {
    Path testbed = home.resolve("faulty.yaml");
    Files.writeString(testbed, String.join("\n",
        "projects: [emulab-ops, testbed]",
        "nodeTypes:",
        "  - {name: pc850, class: pc, defaultOs: FBSD-STD}",
        "nodes:",
        "  - {names: \"pc[1-2]\", type: pc850}",
        "osids:",
        "  - {name: FBSD-STD, project: emulab-ops, os: FreeBSD, version: \"10.3\", shared: true}",
        "images:",
        "  - {name: FBSD-STD, project: emulab-ops, global: true, partitions: {1: FBSD-STD}, nodeTypes: [pc850]}",
        "faults:",
        "  - {node: pc2, boot: never}",
        ""));
    assertEquals(0, nsbed("testbed", "init", testbed.toString()).exit());
    Path ns = home.resolve("two.ns");
    Files.writeString(ns, "source tb_compat.tcl\nset ns [new Simulator]\nset a [$ns node]\nset b [$ns node]\n"
        + "tb-fix-node $a pc1\ntb-fix-node $b pc2\ntb-set-node-failure-action $b nonfatal\n$ns run\n");
    CommandRun start = nsbed("startexp", "-i", "-w", "-p", "testbed", "-e", "two", ns.toString());
    assertEquals(0, start.exit(), start.out() + start.err());

    CommandRun load = nsbed("os_load", "-w", "pc1", "pc2");
    assertEquals(3, load.exit(), load.out() + load.err());
    assertTrue(load.err().contains("os_load failed on 1 of 2 node(s): pc2"), load.err());

    CommandRun json = nsbed("--json", "os_load", "-w", "pc1", "pc2");
    assertEquals(3, json.exit(), json.err());
    JsonNode result = new ObjectMapper().readTree(json.out());
    assertEquals(false, result.get("ok").asBoolean());
    Map<String, String> status = new HashMap<>();
    result.get("nodes").forEach(n -> status.put(n.get("node").asText(), n.get("status").asText()));
    assertEquals(Map.of("pc1", "up", "pc2", "failed"), status);
  }

  @Test
  void aLoadThatFailsLeavesTheNodesRecordedImageAsItWas() throws Exception {
    Path ns = home.resolve("one.ns");
    Files.writeString(ns, "source tb_compat.tcl\nset ns [new Simulator]\nset n [$ns node]\n"
        + "tb-set-node-os $n FBSD-STD\n$ns run\n");
    assertEquals(0, nsbed("startexp", "-i", "-w", "-p", "testbed", "-e", "one", ns.toString()).exit());
    CommandRun form = nsbed("image", "create", "-p", "testbed", "--name", "GOOD1", "--description", "no file yet",
        "--os", "FreeBSD", "--version", "10.3", "--node-types", "pc850,pc3000");
    assertEquals(0, form.exit(), form.err());
    JsonNode before = expinfoNode();
    String pc = before.get("physical").asText();

    CommandRun load = nsbed("os_load", "-i", "GOOD1", pc);
    assertEquals(3, load.exit(), load.out() + load.err());
    JsonNode after = expinfoNode();
    assertEquals("emulab-ops/FBSD-STD", after.get("image").asText());
    assertEquals("up", after.get("status").asText());

    CommandRun reboot = nsbed("node_reboot", "-w", pc);
    assertEquals(0, reboot.exit(), reboot.out() + reboot.err());
    assertEquals("emulab-ops/FBSD-STD", expinfoNode().get("image").asText());
  }

  private JsonNode expinfoNode() throws Exception {
    CommandRun info = nsbed("--json", "expinfo", "-e", "testbed,one");
    assertEquals(0, info.exit(), info.err());
    return new ObjectMapper().readTree(info.out()).get("nodes").get(0);
  }
}
