package org.nsbed.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nsbed.interpreter.Ns.HEAD;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.nsbed.interpreter.ir.Diagnostic;

/** Evaluation in a child JVM: same result as in-process, and nothing escapes it. */
class IsolatedParseTest {

  private static final String FILE = HEAD + """
      set a [$ns node]
      set b [$ns node]
      tb-set-node-os $a Ubuntu-STD
      tb-set-node-os $b NOPE
      tb-set-hardware $b pc850
      set l [$ns duplex-link $a $b 100Mb 10ms DropTail]
      $ns run
      """;

  @Test
  void anIsolatedParseGivesTheSameResultAndAsksTheCatalogue() {
    ParseRequest request = ParseRequest.of("test.ns", FILE, ParseMode.FULL, TestCatalog.INSTANCE);
    ParseResult inside = NsParser.parse(request);
    ParseResult isolated = NsParser.parseIsolated(request);
    assertEquals(inside.ir(), isolated.ir());
    assertEquals(inside.diagnostics(), isolated.diagnostics());
    Ns.errorAt(isolated, 6, "Invalid osid NOPE.");
  }

  @Test
  void aRunawayChildIsStoppedWithAClearError() {
    ParseResult r = NsParser.parseIsolated(ParseRequest.of("test.ns", HEAD + "while 1 {}\n$ns run\n", ParseMode.PASS,
        TestCatalog.INSTANCE).withLimits(new EvaluationLimits(Duration.ofSeconds(1), 64, 14000)));
    Diagnostic d = Ns.onlyError(r);
    assertTrue(d.message().contains("time limit"), d.message());
  }

  @Test
  void aMemoryBombInTheChildIsStoppedWithAClearError() {
    ParseResult r = NsParser.parseIsolated(ParseRequest.of("test.ns", HEAD + "set s x\nwhile 1 {append s $s}\n"
        + "$ns run\n", ParseMode.PASS, TestCatalog.INSTANCE)
        .withLimits(new EvaluationLimits(Duration.ofSeconds(20), 32, 14000)));
    Diagnostic d = Ns.onlyError(r);
    assertTrue(d.message().contains("memory limit"), d.message());
  }
}
