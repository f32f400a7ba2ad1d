package org.nsbed.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.CommandRun;
import org.nsbed.cli.Nsbed;

/** A command killed (kill -9) early in a swap-in on the embedded database loses nothing it committed. */
class KillTest {
  @TempDir Path home;

  @Test
  void aSwapInKilledRightAfterItWasRequestedIsRunByTheNextProcess() throws Exception {
    Path ns = home.resolve("one.ns");
    Files.writeString(ns, "source tb_compat.tcl\nset ns [new Simulator]\nset n [$ns node]\n$ns run\n");
    // First use (the default testbed's import) done beforehand, so the kill hits the swap-in.
    assertEquals(0, CommandRun.nsbed(List.of("--home", home.toString(), "--user", "tester"), "node", "list").exit());
    Path out = home.resolve("out.txt");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Nsbed.class.getName(), "--home", home.toString(),
        "--user", "tester", "startexp", "-i", "-w", "-p", "testbed", "-e", "killed", ns.toString())
        .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (!Files.readString(out).contains("created (swapped)") && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    } finally {
      p.destroyForcibly();
      p.waitFor(1, TimeUnit.MINUTES);
    }
    // expinfo runs the experiment's unfinished operation (Quartz recovers the dead process's job).
    CommandRun info = CommandRun.nsbed(List.of("--home", home.toString(), "--user", "tester"), "--json", "expinfo",
        "-e", "testbed,killed");
    assertEquals(0, info.exit(), Files.readString(out) + info.err());
    assertEquals("active", new ObjectMapper().readTree(info.out()).get("state").asText(), info.out());
  }
}
