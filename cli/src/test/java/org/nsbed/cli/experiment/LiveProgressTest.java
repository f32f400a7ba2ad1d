package org.nsbed.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.CommandRun;

class LiveProgressTest {
  @TempDir Path home;

  private CommandRun nsbed(String... args) {
    return CommandRun.nsbed(List.of("--home", home.toString(), "--user", "tester"), args);
  }

  @Test
  void aFailedNodeIsListedOnceEvenWhenItIsReleasedAfterwards() throws Exception {
    Path testbed = home.resolve("one-node.yaml");
    Files.writeString(testbed, String.join("\n",
        "projects: [emulab-ops, testbed]",
        "nodeTypes:",
        "  - {name: pc850, class: pc, defaultOs: FBSD-STD}",
        "nodes:",
        "  - {name: pc1, type: pc850}",
        "osids:",
        "  - {name: FBSD-STD, project: emulab-ops, os: FreeBSD, version: \"10.3\", shared: true}",
        "images:",
        "  - {name: FBSD-STD, project: emulab-ops, global: true, partitions: {1: FBSD-STD}, nodeTypes: [pc850]}",
        "faults:",
        "  - {node: pc1, boot: failed}", ""));
    assertEquals(0, nsbed("testbed", "init", testbed.toString()).exit());
    Path ns = home.resolve("one.ns");
    Files.writeString(ns, "source tb_compat.tcl\nset ns [new Simulator]\nset n [$ns node]\n$ns run\n");
    CommandRun start = nsbed("startexp", "-i", "-w", "-p", "testbed", "-e", "fails", ns.toString());
    assertEquals(3, start.exit(), start.out() + start.err());
    List<String> failedLines = start.out().lines().filter(l -> l.startsWith("n (") && l.contains(": failed: ")).toList();
    assertEquals(1, failedLines.size(), start.out());
    assertTrue(start.out().contains("reloading the released nodes with their default image before exiting"),
        "the wait for the failed node's reload is announced: " + start.out());
    assertTrue(start.out().contains("reload with default images: "), start.out());
  }
}
