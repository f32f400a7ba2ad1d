package org.nsbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code nsbed parse} end to end against a testbed file: output, JSON and exit status. */
class ParseCommandTest {

  private static final String TESTBED = """
      projects: [emulab-ops, testbed]
      nodeTypes:
        - {name: pc850, class: pc, defaultOs: Ubuntu-STD}
      nodes:
        - {names: "pc[1-4]", type: pc850}
      osids:
        - {name: FBSD-STD, project: emulab-ops, os: FreeBSD, version: "10.3", shared: true}
        - {name: Ubuntu-STD, project: emulab-ops, os: Linux, version: "16.04", shared: true}
      images:
        - {name: FBSD-STD, project: emulab-ops, global: true, loadPartition: 0, partitions: {1: FBSD-STD},
           nodeTypes: [pc850]}
        - {name: Ubuntu-STD, project: emulab-ops, global: true, loadPartition: 0, partitions: {1: Ubuntu-STD},
           nodeTypes: [pc850]}
      """;

  private static Path dir;

  @BeforeAll
  static void files() throws Exception {
    dir = Files.createTempDirectory("nsbed-parse-");
    Files.writeString(dir.resolve("testbed.yaml"), TESTBED);
    Files.copy(Path.of("..", "examples-ns", "seed.ns"), dir.resolve("seed.ns"));
    Files.writeString(dir.resolve("bad-os.ns"), "set ns [new Simulator]\nset n [$ns node]\n"
        + "tb-set-node-os $n CentOS-42\n$ns run\n");
    Files.writeString(dir.resolve("unbalanced.ns"), "set ns [new Simulator]\nif {1} {\n  set n [$ns node]\n");
  }

  static CommandRun nsbed(String... args) {
    return CommandRun.nsbed(List.of("--home", dir.resolve("home").toString(), "--testbed",
        dir.resolve("testbed.yaml").toString()), args);
  }

  @Test
  void aGoodFileParsesWithStatusZero() {
    CommandRun run = nsbed("parse", dir.resolve("seed.ns").toString());
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().contains("ok: 2 nodes, 1 links and LANs"), run.out());
  }

  @Test
  void errorsArePrintedWithTheirPlaceAndTheJsonStillComesOut() throws Exception {
    String file = dir.resolve("bad-os.ns").toString();
    CommandRun run = nsbed("--json", "parse", file);
    assertEquals(1, run.exit());
    assertTrue(run.err().contains(file + ":3:1: error: [tb-set-node-os] Invalid osid CentOS-42."), run.err());
    JsonNode ir = new ObjectMapper().readTree(run.out());
    assertEquals("nsbed-ir/1", ir.get("format").asText());
    assertEquals(false, ir.get("ok").asBoolean());
    assertEquals("n", ir.get("nodes").get(0).get("name").asText());
  }

  @Test
  void passModeDoesNotCheckTheCatalogueButUsesItsDefaults() throws Exception {
    CommandRun run = nsbed("--json", "parse", "--mode", "pass", dir.resolve("seed.ns").toString());
    assertEquals(0, run.exit(), run.err());
    assertEquals("FBSD-STD", new ObjectMapper().readTree(run.out()).get("nodes").get(0).get("os").asText());
    assertEquals(0, nsbed("parse", "--mode", "pass", dir.resolve("bad-os.ns").toString()).exit());
  }

  @Test
  void syntaxModeReportsWhereTheBraceOpened() {
    CommandRun run = nsbed("parse", "--mode", "syntax", dir.resolve("unbalanced.ns").toString());
    assertEquals(1, run.exit());
    assertTrue(run.err().contains("unbalanced.ns:2:8: error:"), run.err());
  }

  @Test
  void anIsolatedParseGivesTheSameDocument() {
    String file = dir.resolve("bad-os.ns").toString();
    CommandRun inside = nsbed("--json", "parse", file);
    CommandRun isolated = nsbed("--json", "parse", "--isolated", file);
    assertEquals(1, isolated.exit(), isolated.err());
    assertEquals(inside.out(), isolated.out());
  }

  @Test
  void usageMistakesAndMissingFilesHaveTheirStatus() {
    assertEquals(2, nsbed("parse", "--mode", "strict", dir.resolve("seed.ns").toString()).exit());
    CommandRun missing = nsbed("parse", dir.resolve("nope.ns").toString());
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("no such NS file"), missing.err());
  }

  @Test
  void fullModeWithoutAHomeChecksAgainstTheBuiltInDefaultAndCreatesNothing() {
    Path noHome = dir.resolve("no-such-home");
    CommandRun good = CommandRun.nsbed(List.of("--home", noHome.toString()), "parse",
        dir.resolve("seed.ns").toString());
    assertEquals(0, good.exit(), good.err());
    assertTrue(good.out().contains("(checked against the built-in default testbed (no nsbed home at " + noHome
        + "; none was created))"), good.out());
    CommandRun bad = CommandRun.nsbed(List.of("--home", noHome.toString()), "parse",
        dir.resolve("bad-os.ns").toString());
    assertEquals(1, bad.exit(), bad.out() + bad.err());
    assertTrue(bad.err().contains("CentOS-42"), bad.err());
    assertTrue(!Files.exists(noHome), "parse created " + noHome);
  }

  @Test
  void aLatin1FileIsReadAsTclReadsItWithAWarningNamingTheLine() throws Exception {
    Path file = dir.resolve("latin1.ns");
    byte[] head = "set ns [new Simulator]\nset n [$ns node]\n# caf".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] tail = "\n$ns run\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + 1 + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    all[head.length] = (byte) 0xE9;
    System.arraycopy(tail, 0, all, head.length + 1, tail.length);
    Files.write(file, all);
    CommandRun run = nsbed("parse", file.toString());
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(run.err().contains(file + ":3: the file is not UTF-8; it is read as Latin-1"), run.err());
  }
}
