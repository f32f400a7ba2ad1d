package org.nsbed.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nsbed.interpreter.Ns.HEAD;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nsbed.interpreter.ir.Diagnostic;
import org.nsbed.interpreter.ir.VirtualNode;

/**
 * The Tcl 8.4-8.6 commands in NS files: the lines of issue 14 evaluate, the sandbox stays
 * closed through them, their bombs are stopped, and their misuse is reported at its line.
 */
class Tcl86CommandsTest {

  private static ParseResult limited(String text, int seconds, int heapMiB) {
    return NsParser.parse(ParseRequest.of("test.ns", text, ParseMode.PASS, TestCatalog.INSTANCE)
        .withLimits(new EvaluationLimits(Duration.ofSeconds(seconds), heapMiB, 14000)));
  }

  @Test
  void theLinesUsersWroteForTodaysEmulabEvaluate() {
    ParseResult r = Ns.ok(Ns.pass(HEAD
        + "set roles {web db}\n"
        + "foreach role $roles { set node($role) [$ns node] }\n"
        + "set l {a b c}\nlset l 1 0 x\n"
        + "set u [lsort -unique {b a b}]\n"
        + "unset -nocomplain v\n"
        + "lassign {1 2} a b\n"
        + "set d [dict create web RHL-STD db FBSD-STD]\n"
        + "set l [lrepeat 3 x]; set r [lreverse $l]\n"
        + "if {\"db\" in $roles} { set three [expr {2**3}] }\n"
        + "set members [lmap r $roles {set node($r)}]\n"
        + "set lan [$ns make-lan [list {*}$members] 1Gb 0ms]\n"
        + "dict for {role os} $d { tb-set-node-os $node($role) $os }\n"
        + "tb-set-node-os $node(web) [string cat RHL - STD]\n"
        + "$ns run\n"));
    assertEquals(List.of("node-db", "node-web"), r.ir().nodes().stream().map(VirtualNode::name).sorted().toList());
    assertEquals(2, Ns.lan(r, "lan").members().size());
    assertEquals("RHL-STD", Ns.node(r, "node-web").os());
    assertEquals("FBSD-STD", Ns.node(r, "node-db").os());
  }

  @Test
  void bandwidthsInBitsPerSecondComputeAs64BitIntegers() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "set a [$ns node]\nset b [$ns node]\n"
        + "set bps [expr {10 * 1000 * 1000 * 1000}]\nincr bps -9000000000\n"
        + "set link [$ns duplex-link $a $b [expr {$bps / 1000}]kb 0ms DropTail]\n"
        + "puts [expr {2**40}]\n$ns run\n"));
    assertEquals("1099511627776\n", r.output());
    assertEquals(1_000_000, r.ir().lans().get(0).members().get(0).bandwidthKbps());
  }

  @ParameterizedTest
  @ValueSource(strings = {"apply {{} {exec ls}}", "{*}[list exec ls]", "dict for {k v} {a b} {exec ls}",
      "try {exec ls} finally {}", "lmap x {1} {exec ls}", "{*}{exec ls}"})
  void theNewCommandsDoNotReachOutside(String command) {
    ParseResult r = Ns.pass(HEAD + "set n [$ns node]\n" + command + "\n$ns run\n");
    Ns.errorAt(r, 4, "exec is not available in NS files");
  }

  @Test
  void tryCannotCatchAJavaEscape() {
    ParseResult r = Ns.pass(HEAD + "try {package require java} on error {m} {puts $m}\n$ns run\n");
    assertEquals("package is not available in NS files\n", r.output());
  }

  @Test
  void anLrepeatBombIsRefusedAtItsLine() {
    Diagnostic d = Ns.errorAt(Ns.pass(HEAD + "set l [lrepeat 1000000000 x y]\n$ns run\n"), 3,
        "lrepeat would build a list of 2000000000 elements");
    assertEquals("lrepeat", d.command());
  }

  @Test
  void aStringRepeatBombIsStopped() {
    ParseResult r = limited(HEAD + "set s x\nwhile 1 {set s [string repeat $s 2]}\n$ns run\n", 30, 64);
    Diagnostic d = Ns.onlyError(r);
    assertTrue(d.message().contains("string repeat would build a string") || d.message().contains("memory limit"),
        d.message());
    assertEquals(4, d.line());
  }

  @Test
  void aDictThatGrowsWithoutEndIsStopped() {
    ParseResult r = limited(HEAD + "set d {}\nset i 0\nwhile 1 {dict set d [incr i] [lrepeat 1000 x]}\n$ns run\n",
        2, 64);
    Diagnostic d = Ns.onlyError(r);
    assertTrue(d.message().contains("memory limit") || d.message().contains("time limit"), d.message());
    assertEquals(5, d.line());
  }

  @Test
  void aHugePowerIsRefusedInsteadOfComputed() {
    Ns.errorAt(Ns.pass(HEAD + "set x [expr {7 ** 100000000}]\n$ns run\n"), 3, "integer value too large");
  }

  @Test
  void aLoopWithTheNewExpressionsStillStopsAtTheTimeLimit() {
    ParseResult r = limited(HEAD + "while {1 in {1 2}} {}\n$ns run\n", 1, 256);
    assertTrue(Ns.onlyError(r).message().contains("time limit"));
  }

  @Test
  void misuseOfADictIsReportedAtItsLineWithTheCommandNamed() {
    Diagnostic d = Ns.errorAt(Ns.pass(HEAD + "set d [dict create a 1]\nset x [dict get $d b]\n$ns run\n"), 4,
        "key \"b\" not known in dictionary");
    assertEquals("dict", d.command());
  }

  @Test
  void misuseInsideAProcIsReportedAtTheLineInTheProc() {
    Diagnostic d = Ns.errorAt(Ns.pass(HEAD + "proc f {} {\n  set l {a b}\n  lset l 5 x\n}\nf\n$ns run\n"), 5,
        "list index out of range");
    assertEquals("lset", d.command());
  }

  @Test
  void aBadExpressionNamesItsProblem() {
    Ns.errorAt(Ns.pass(HEAD + "set n 3\n\nif {$n +} { puts x }\n$ns run\n"), 5, "missing operand");
  }

  @Test
  void anErrorAfterAnExpansionIsReportedAtItsLine() {
    Diagnostic d = Ns.errorAt(Ns.pass(HEAD + "set args {a b}\nlrepeat {*}$args\n$ns run\n"), 4,
        "expected integer but got \"a\"");
    assertEquals("lrepeat", d.command());
  }

  @Test
  void anErrorInAnExpandedCommandInsideAProcIsReportedAtItsLineInTheProc() {
    Diagnostic d = Ns.errorAt(Ns.pass(HEAD + "proc f {args} {\n  set x 1\n  lrepeat {*}$args\n}\nf a b\n$ns run\n"),
        5, "expected integer but got \"a\"");
    assertEquals(5, d.line());
    assertEquals(3, d.column());
  }

  @Test
  void throwReportsItsMessage() {
    Ns.errorAt(Ns.pass(HEAD + "\nthrow {NS CONFIG} \"no such role\"\n$ns run\n"), 4, "no such role");
  }
}
