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

/** Values longer than the database stores are refused where they come in, naming where they came from. */
class StorageLimitsTest {
  @TempDir Path home;

  private CommandRun nsbed(String... args) {
    return CommandRun.nsbed(List.of("--home", home.toString(), "--user", "tester"), args);
  }

  private Path ns(String name, String body) throws Exception {
    Path file = home.resolve(name);
    Files.writeString(file, "source tb_compat.tcl\nset ns [new Simulator]\n" + body + "\n$ns run\n");
    return file;
  }

  private static void noPersistenceDetails(CommandRun run) {
    String all = run.out() + run.err();
    assertFalse(all.contains("org.hibernate") || all.contains("Exception") || all.contains("VARYING"), all);
  }

  @Test
  void aNodeNameLongerThanTheDatabaseStoresIsAnNsErrorAtItsLine() throws Exception {
    String name = "n".repeat(100);
    Path file = ns("long.ns", "set " + name + " [$ns node]");
    CommandRun parse = nsbed("parse", file.toString());
    assertEquals(1, parse.exit(), parse.out() + parse.err());
    assertTrue(parse.err().contains(file + ":3:1: error: [node] node name 'nnnnnnnnnnnnnnnnnnnn...' is 100 "
        + "characters long; nsbed stores at most 64"), parse.err());

    CommandRun start = nsbed("startexp", "-i", "-w", "-p", "testbed", "-e", "long", file.toString());
    assertEquals(1, start.exit(), start.out() + start.err());
    assertTrue(start.err().contains(file + ":3:1:"), start.err());
    noPersistenceDetails(start);
    assertEquals(1, nsbed("expinfo", "-e", "testbed,long").exit(), "nothing was stored");
  }

  @Test
  void aDescriptionLongerThanTheDatabaseStoresIsRefusedAndNothingIsCreated() throws Exception {
    CommandRun start = nsbed("startexp", "-E", "d".repeat(292), "-p", "testbed", "-e", "described",
        ns("one.ns", "set n [$ns node]").toString());
    assertEquals(1, start.exit(), start.out() + start.err());
    assertTrue(start.err().contains("the description (-E) is 292 characters long; at most 255"), start.err());
    noPersistenceDetails(start);
    assertEquals(1, nsbed("expinfo", "-e", "testbed,described").exit(), "nothing was stored");
  }

  @Test
  void aDownReasonLongerThanTheDatabaseStoresIsRefusedAndTheNodeStaysFree() throws Exception {
    CommandRun down = nsbed("node", "down", "pc3", "--reason", "x".repeat(10_000));
    assertEquals(1, down.exit(), down.out() + down.err());
    assertTrue(down.err().contains("--reason is 10000 characters long; at most 2000"), down.err());
    noPersistenceDetails(down);
    assertTrue(nsbed("node", "list", "--free").out().contains("pc3 "));
  }
}
