package org.nsbed.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.Nsbed;
import org.nsbed.provisioner.testbed.DefaultTestbed;

/** Ctrl-C on a command that follows an operation says that the operation goes on, and how to follow it. */
class InterruptTest {
  @TempDir Path home;

  @Test
  void ctrlCOnAWaitingSwapInSaysTheSwapInGoesOnAndHowToFollowIt() throws Exception {
    // Real time (scale 1): the swap-in takes minutes, so it is still running when Ctrl-C comes,
    // however busy the machine is.
    String testbed = DefaultTestbed.text();
    assertTrue(testbed.contains("timeScale: 0.01"), "the default testbed's time scale moved");
    Files.writeString(home.resolve("testbed.yaml"), testbed.replace("timeScale: 0.01", "timeScale: 1"));
    Path ns = home.resolve("one.ns");
    Files.writeString(ns, "source tb_compat.tcl\nset ns [new Simulator]\nset n [$ns node]\n$ns run\n");
    Path out = home.resolve("out.txt");
    Path err = home.resolve("err.txt");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Nsbed.class.getName(), "--home", home.toString(),
        "--user", "tester", "startexp", "-i", "-w", "-p", "testbed", "-e", "cut", ns.toString())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      // Interrupt once the swap-in is being followed (its first progress line), however long that takes.
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (!Files.readString(out).contains("n (") && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
      p.waitFor(2, TimeUnit.MINUTES);
    } finally {
      p.destroyForcibly();
    }
    String said = Files.readString(err);
    assertTrue(said.contains("nsbed: interrupted; the swapin goes on") && said.contains("nsbed expinfo -e testbed,cut"),
        Files.readString(out) + said);
  }
}
