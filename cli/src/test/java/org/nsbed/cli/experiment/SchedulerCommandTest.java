package org.nsbed.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.CommandRun;

class SchedulerCommandTest {
  @TempDir Path home;

  private CommandRun nsbed(String... args) {
    return CommandRun.nsbed(List.of("--home", home.toString(), "--user", "tester"), args);
  }

  @Test
  void theSchedulerSaysWhatItRanInsteadOfSayingNothingWasDue() throws Exception {
    Path ns = home.resolve("one.ns");
    Files.writeString(ns, "source tb_compat.tcl\nset ns [new Simulator]\nset n [$ns node]\n$ns run\n");
    assertEquals(0, nsbed("startexp", "-i", "-p", "testbed", "-e", "queued", ns.toString()).exit());
    CommandRun run = nsbed("scheduler");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("swapin ") && run.out().contains(": done: experiment is active"), run.out());
    assertTrue(run.out().contains("ran 1 operation(s); no other operation running or due"), run.out());
    assertFalse(run.out().contains("no operation running or due\n") && run.out().startsWith("no operation"), run.out());
  }

  @Test
  void aQueuedEndexpPointsToTheSchedulerNotToExpinfoOfAnExperimentAboutToBeDeleted() throws Exception {
    Path ns = home.resolve("one.ns");
    Files.writeString(ns, "source tb_compat.tcl\nset ns [new Simulator]\nset n [$ns node]\n$ns run\n");
    assertEquals(0, nsbed("startexp", "-p", "testbed", "-e", "gone", ns.toString()).exit());
    CommandRun end = nsbed("endexp", "-e", "testbed,gone");
    assertEquals(0, end.exit(), end.err());
    assertTrue(end.out().contains("e.g. `nsbed scheduler`"), end.out());
    assertFalse(end.out().contains("expinfo"), end.out());
  }
}
