package org.nsbed.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nsbed.interpreter.Ns.HEAD;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nsbed.interpreter.ir.Diagnostic;

/**
 * The hardened interpreter: no files, processes, sockets, packages, interpreters or Java; a
 * wall-clock budget and a heap cap that end runaway files with a clear error.
 */
class SandboxTest {

  private static ParseResult limited(String text, int seconds, int heapMiB) {
    return NsParser.parse(ParseRequest.of("test.ns", text, ParseMode.PASS, TestCatalog.INSTANCE)
        .withLimits(new EvaluationLimits(Duration.ofSeconds(seconds), heapMiB, 14000)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"exec ls", "open /etc/passwd", "file exists /etc", "socket localhost 22", "load x.so",
      "package require java", "interp create", "cd /", "pwd", "glob *", "exit 1", "gets stdin",
      "after 100000", "vwait forever"})
  void commandsReachingOutsideAreNotAvailable(String command) {
    ParseResult r = Ns.pass(HEAD + "set n [$ns node]\n" + command + "\n$ns run\n");
    String name = command.split(" ")[0];
    Diagnostic d = Ns.errorAt(r, 4, name + " is not available in NS files");
    assertEquals(name, d.command());
  }

  @Test
  void javaCannotBeReachedThroughEval() {
    ParseResult r = Ns.pass(HEAD + "if {1} {\n  eval [list package require java]\n}\n$ns run\n");
    Ns.errorAt(r, 4, "package is not available in NS files");
  }

  @Test
  void tbCompatIsBuiltInAndOtherSourcesAreRefused() {
    Ns.ok(Ns.pass("source tb_compat.tcl\nset ns [new Simulator]\n$ns run\n"));
    Ns.ok(Ns.pass("set ns [new Simulator]\n$ns run\n"));
    Ns.errorAt(Ns.pass(HEAD + "source /etc/passwd\n$ns run\n"), 3, "source /etc/passwd is not available");
  }

  @Test
  void aFileGivenAlongsideCanBeSourced() {
    ParseRequest request = ParseRequest.of("test.ns", HEAD + "source nodes.tcl\n$ns run\n", ParseMode.PASS,
        TestCatalog.INSTANCE).withIncludedFiles(Map.of("nodes.tcl", "set extra [$ns node]\n"));
    ParseResult r = Ns.ok(NsParser.parse(request));
    assertEquals("extra", r.ir().nodes().get(0).name());
  }

  @Test
  void aRunawayLoopEndsWithAClearErrorAtItsLine() {
    long start = System.nanoTime();
    ParseResult r = limited(HEAD + "set n [$ns node]\nwhile 1 {}\n$ns run\n", 1, 256);
    assertTrue((System.nanoTime() - start) / 1_000_000_000.0 < 10, "the loop was not stopped in time");
    Diagnostic d = Ns.onlyError(r);
    assertTrue(d.message().contains("time limit of 1 s"), d.message());
    assertEquals(4, d.line());
    assertEquals("while", d.command());
  }

  @Test
  void aMemoryBombEndsWithAClearError() {
    ParseResult r = limited(HEAD + "set s x\nwhile 1 {append s $s}\n$ns run\n", 30, 64);
    Diagnostic d = Ns.onlyError(r);
    assertTrue(d.message().contains("memory limit of 64 MiB"), d.message());
    assertEquals(4, d.line());
  }

  @Test
  void endlessRecursionEndsWithAClearError() {
    ParseResult r = limited(HEAD + "proc f {} { f }\nf\n$ns run\n", 10, 256);
    assertTrue(r.errors().stream().anyMatch(d -> d.message().contains("too many nested")
        || d.message().contains("nested too deeply")), () -> r.errors().toString());
  }

  @Test
  void catchCannotSwallowTheTimeLimit() {
    ParseResult r = limited(HEAD + "while 1 { catch { while 1 {} } }\n$ns run\n", 1, 256);
    assertTrue(Ns.onlyError(r).message().contains("time limit"));
  }
}
