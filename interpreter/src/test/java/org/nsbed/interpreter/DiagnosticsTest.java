package org.nsbed.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nsbed.interpreter.Ns.HEAD;

import org.junit.jupiter.api.Test;
import org.nsbed.interpreter.ir.Diagnostic;

/** Every diagnostic names the file, line and column of the command that caused it. */
class DiagnosticsTest {

  @Test
  void anErrorInsideALoopPointsAtTheLineInTheBody() {
    ParseResult r = Ns.full(HEAD + """
        for {set i 1} {$i <= 2} {incr i} {
            set n($i) [$ns node]
            tb-set-node-os $n($i) NOPE-$i
        }
        $ns run
        """);
    assertEquals(2, r.errors().size());
    Diagnostic d = Ns.errorAt(r, 5, "Invalid osid NOPE-2.");
    assertEquals(5, d.column());
    assertEquals("test.ns:5:5: error: [tb-set-node-os] Invalid osid NOPE-2.", d.format());
  }

  @Test
  void aFileWithCrLfLineEndsContinuesLinesAndKeepsLineNumbers() {
    ParseResult r = Ns.full((HEAD + """
        for {set i 1} {$i <= 2} {incr i} {
            set n($i) [$ns node]
            tb-set-node-os $n($i) \\
                NOPE-$i
        }
        $ns run
        """).replace("\n", "\r\n"));
    assertEquals(2, r.errors().size());
    Ns.errorAt(r, 5, "Invalid osid NOPE-2.");
  }

  @Test
  void anErrorInsideAProcPointsAtTheProcBody() {
    ParseResult r = Ns.pass(HEAD + """
        proc mk {ns} {
            set n [$ns node]
            tb-set-node-failure-action $n later
            return $n
        }
        set a [mk $ns]
        $ns run
        """);
    Ns.errorAt(r, 5, "must be one of fatal|nonfatal|ignore");
  }

  @Test
  void aTclErrorInsideALoopPointsAtTheFailingCommand() {
    ParseResult r = Ns.pass(HEAD + """
        set n [$ns node]
        foreach x {1 2} {
            set y $x
            set z $nodeb
        }
        $ns run
        """);
    Diagnostic d = Ns.errorAt(r, 6, "can't read \"nodeb\": no such variable");
    assertEquals("set", d.command());
  }

  @Test
  void evaluationGoesOnAfterATclError() {
    ParseResult r = Ns.full(HEAD + "set n [$ns node]\nset x $undefined\ntb-set-node-os $n NOPE\n$ns run\n");
    assertEquals(2, r.errors().size());
    Ns.errorAt(r, 4, "undefined");
    Ns.errorAt(r, 5, "Invalid osid NOPE.");
  }

  @Test
  void aVariableLeftUnsetByAFailedAssignmentSaysWhy() {
    ParseResult r = Ns.pass(HEAD + "set nodea [$ns node]\nset nodeB [$ns node]\n"
        + "set link [$ns duplex-link $nodea $nodeb 100Mb 10ms DropTail]\ntb-set-link-loss $link 0.1\n$ns run\n");
    Ns.errorAt(r, 5, "can't read \"nodeb\": no such variable");
    Ns.errorAt(r, 6, "can't read \"link\": no such variable (its assignment at line 5 failed)");
  }

  @Test
  void aMisspelledTbCommandGetsASuggestion() {
    ParseResult r = Ns.pass(HEAD + "set n [$ns node]\ntb-set-node-oss $n FBSD-STD\n$ns run\n");
    Diagnostic d = Ns.errorAt(r, 4, "did you mean tb-set-node-os?");
    assertTrue(d.message().startsWith("Unknown command"));
    assertEquals("tb-set-node-oss", d.command());
  }

  @Test
  void aRemovedCommandSaysSo() {
    Ns.errorAt(Ns.pass(HEAD + "set n [$ns node]\ntb-set-node-deltas $n x\n$ns run\n"), 4, "no longer exists");
  }

  @Test
  void anUnknownCommandIsAnError() {
    Ns.errorAt(Ns.pass("foo bar\n"), 1, "Unknown command: foo bar");
  }

  @Test
  void tclCommandsNsFilesHaveNoUseForAreNamedAsSuch() {
    Ns.errorAt(Ns.pass(HEAD + "coroutine c f\n$ns run\n"), 3, "but no coroutine");
  }

  @Test
  void aFileWithoutRunIsRejectedAtItsEnd() {
    ParseResult r = Ns.pass(HEAD + "set n [$ns node]\n\n\n");
    Diagnostic d = Ns.onlyError(r);
    assertEquals("run", d.command());
    assertEquals(3, d.line());
    assertEquals(1, r.ir().nodes().size());
  }

  @Test
  void runTimeChecksPointAtWhereTheObjectWasNamed() {
    ParseResult r = Ns.pass(HEAD + "set a [$ns node]\n\nset my_node [$ns node]\n$ns run\n");
    Diagnostic d = Ns.errorAt(r, 5, "Invalid node name my_node");
    assertEquals("run", d.command());
  }

  @Test
  void unbalancedBracesAreReportedWhereTheyOpen() {
    ParseResult r = Ns.pass(HEAD + "for {set i 0} {$i < 3} {incr i} {\n  set n($i) [$ns node]\n$ns run\n");
    Diagnostic d = Ns.onlyError(r);
    assertEquals(3, d.line());
    assertTrue(d.message().contains("brace"), d.message());
  }

  @Test
  void syntaxModeChecksOnlyTheGrammar() {
    ParseResult r = NsParser.parse(ParseRequest.of("test.ns", "tb-no-such-command\n", ParseMode.SYNTAX, null));
    assertTrue(r.ok());
    assertTrue(r.ir().nodes().isEmpty());
  }

  @Test
  void whatTheFilePrintsIsKept() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "puts \"hello\"\nputs -nonewline stderr x\nset n [$ns node]\n$ns run\n"));
    assertEquals("hello\nx", r.output());
  }

  @Test
  void aLoopRepeatingAMistakeStopsAfterAHundredErrors() {
    ParseResult r = Ns.pass(HEAD + "set n [$ns node]\nfor {set i 0} {$i < 1000} {incr i} "
        + "{ tb-set-node-failure-action $n bad }\n$ns run\n");
    assertTrue(r.errors().size() <= 101);
    assertTrue(r.errors().get(r.errors().size() - 1).message().contains("stopped after 100 errors"));
  }
}
