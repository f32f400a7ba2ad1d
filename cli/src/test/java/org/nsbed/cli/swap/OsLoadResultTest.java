package org.nsbed.cli.swap;

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
        "simulation: {timeScale: 0.001}", ""));
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
}
