package org.nsbed.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.CommandRun;

/** What can be known before a swap-in is checked by parse and startexp, before anything is stored. */
class EarlyChecksTest {
  @TempDir Path home;

  private CommandRun nsbed(String... args) {
    return CommandRun.nsbed(List.of("--home", home.toString(), "--user", "tester"), args);
  }

  private Path ns(String name, String body) throws Exception {
    Path file = home.resolve(name);
    Files.writeString(file, "source tb_compat.tcl\nset ns [new Simulator]\n" + body + "\n$ns run\n");
    return file;
  }

  @Test
  void anOsidWithNoImageForTheNodesTypeIsRefusedByParseAndStartexp() throws Exception {
    Path file = ns("remote.ns", "set n [$ns node]\ntb-set-hardware $n bpc2133\ntb-set-node-os $n CentOS7-STD");
    CommandRun parse = nsbed("parse", file.toString());
    assertEquals(1, parse.exit(), parse.out() + parse.err());
    assertTrue(parse.err().contains(file + ":3:1: error: [run] this experiment cannot be instantiated on this "
        + "testbed: n: OSID CentOS7-STD has no image for node type bpc2133"), parse.err());

    CommandRun start = nsbed("startexp", "-i", "-w", "-p", "testbed", "-e", "remote", file.toString());
    assertEquals(1, start.exit(), start.out() + start.err());
    assertTrue(start.err().contains("OSID CentOS7-STD has no image for node type bpc2133"), start.err());
    assertEquals(1, nsbed("expinfo", "-e", "testbed,remote").exit(), "no experiment is left behind");
  }

  @Test
  void moreNodesThanTheTestbedHasIsRefusedWithAShortMessage() throws Exception {
    Path file = ns("big.ns", "for {set i 0} {$i < 1000} {incr i} {\n  set n($i) [$ns node]\n}");
    CommandRun parse = nsbed("parse", file.toString());
    assertEquals(1, parse.exit(), parse.out() + parse.err());
    assertTrue(parse.err().contains("it has 1000 nodes and the testbed 21"), parse.err());

    CommandRun start = nsbed("startexp", "-i", "-p", "testbed", "-e", "big", file.toString());
    assertEquals(1, start.exit(), start.out() + start.err());
    assertTrue(start.err().contains("it has 1000 nodes and the testbed 21"), start.err());
    assertTrue(start.err().length() < 1000, start.err());
    assertEquals(1, nsbed("expinfo", "-e", "testbed,big").exit(), "no experiment is left behind");
  }
}
