package org.nsbed.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nsbed.interpreter.Ns.HEAD;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbed.interpreter.ir.VType;

/** Experiment-wide switches, vtypes, template parameters and unmodelled features. */
class ExperimentCommandsTest {

  private static final String TWO = HEAD + "set a [$ns node]\nset b [$ns node]\n";

  @Test
  void vtypesCarryTheirWeights() {
    ParseResult r = Ns.ok(Ns.full(TWO + """
        tb-make-soft-vtype A {pc600 pc850}
        tb-make-hard-vtype B {pc600 pc850}
        tb-make-weighted-vtype C 0.1 {pc600 pc850}
        tb-set-hardware $a C
        $ns run
        """));
    assertEquals(List.of(new VType("A", 0.5, List.of("pc600", "pc850")), new VType("B", 1.0, List.of("pc600", "pc850")),
        new VType("C", 0.1, List.of("pc600", "pc850"))), r.ir().vtypes());
    assertEquals("C", Ns.node(r, "a").type());
  }

  @Test
  void aVtypeWithAnUnknownTypeIsReportedButDefined() {
    ParseResult r = Ns.full(TWO + "tb-make-soft-vtype A {pc600 pc9000}\ntb-set-hardware $a A\n$ns run\n");
    assertEquals("Invalid hardware type pc9000 in vtype A.", Ns.onlyError(r).message());
    assertEquals("A", Ns.node(r, "a").type());
  }

  @Test
  void routingAndTheSyncServerAreExperimentWide() {
    ParseResult r = Ns.ok(Ns.pass(TWO + "tb-set-ip-routing ospf\ntb-set-sync-server $b\n$ns run\n"));
    assertEquals("ospf", r.ir().experiment().routing());
    assertEquals("b", r.ir().experiment().syncServer());
    assertEquals("ospf", Ns.node(r, "a").routerType());
  }

  @Test
  void theSyncServerDefaultsToTheFirstNodeByName() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "set zed [$ns node]\nset alpha [$ns node]\n$ns run\n"));
    assertEquals("alpha", r.ir().experiment().syncServer());
  }

  @Test
  void rangedSwitchesAreChecked() {
    Ns.errorAt(Ns.pass(TWO + "tb-set-colocate-factor 500\n$ns run\n"), 5, "between 1 and 100");
    ParseResult r = Ns.ok(Ns.pass(TWO + "tb-set-colocate-factor 4\ntb-set-cpu-usage 2\n$ns run\n"));
    assertEquals("4", r.ir().experiment().settings().get("multiplexFactor"));
  }

  @Test
  void vethIsNotAVirtualLinkEmulation() {
    Ns.errorAt(Ns.pass(TWO + "tb-set-vlink-emulation veth\n$ns run\n"), 5, "gre|egre|vtun|veth-ne|vlan");
  }

  @Test
  void templateParametersBecomeVariables() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "$ns define-template-parameter COUNT 3 {how many}\n"
        + "for {set i 0} {$i < $COUNT} {incr i} { set n($i) [$ns node] }\n$ns run\n"));
    assertEquals("3", r.ir().parameters().get("COUNT"));
    assertEquals(3, r.ir().nodes().size());
  }

  @Test
  void unmodelledFeaturesAreRecordedWithAWarning() {
    ParseResult r = Ns.ok(Ns.pass(TWO + "tb-set-use-oml 1\n$ns run\n"));
    assertEquals("1", r.ir().experiment().settings().get("tb-set-use-oml"));
    assertTrue(r.diagnostics().stream().anyMatch(d -> d.message().contains("recorded but not acted on")));
  }

  @Test
  void theParserGlobalsAreReadable() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "set n [$ns node]\ntb-set-node-startup $n \"run ${GLOBALS::pid} "
        + "$::GLOBALS::eid\"\n$ns run\n"));
    assertEquals("run testbed experiment", Ns.node(r, "n").startupCmd());
  }

  @Test
  void commandsRunInsideTheTbcompatNamespace() {
    ParseResult r = Ns.ok(Ns.full(HEAD + "set n [$ns node]\nnamespace eval TBCOMPAT {\n"
        + "  tb-set-node-os $::n RHL-STD\n}\n$ns run\n"));
    assertEquals("RHL-STD", Ns.node(r, "n").os());
  }
}
