package org.nsbed.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nsbed.interpreter.Ns.HEAD;
import static org.nsbed.interpreter.Ns.node;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbed.interpreter.ir.VirtualNode;

/** Objects take the name of the global variable they are assigned to (docs/ns-language.md, "Names"). */
class NamingTest {

  private static List<String> nodeNames(ParseResult r) {
    return r.ir().nodes().stream().map(VirtualNode::name).toList();
  }

  @Test
  void aNodeIsNamedAfterItsVariable() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "set nodeA [$ns node]\n$ns run\n"));
    assertEquals(List.of("nodeA"), nodeNames(r));
  }

  @Test
  void arrayElementsBecomeDashedNames() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "for {set i 1} {$i <= 3} {incr i} { set n($i) [$ns node] }\n$ns run\n"));
    assertEquals(List.of("n-1", "n-2", "n-3"), nodeNames(r));
  }

  @Test
  void unassignedObjectsKeepInternalNamesFromOneSharedCounter() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "set a [$ns node]\nset b [$ns node]\n$ns duplex-link $a $b 10Mb 0ms DropTail\n"
        + "lappend l [$ns node]\n$ns run\n"));
    assertEquals(List.of("a", "b", "tbnode-n4"), nodeNames(r));
    assertEquals("tblink-l3", r.ir().lans().get(0).name());
  }

  @Test
  void theInnerAssignmentOfANestedSetNamesTheNode() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "set x [set y [$ns node]]\ntb-set-node-os $x FBSD-STD\n$ns run\n"));
    assertEquals(List.of("y"), nodeNames(r));
    assertEquals("FBSD-STD", node(r, "y").os());
  }

  @Test
  void aComputedVariableNameNamesTheNode() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "set name mypc1\nset $name [$ns node]\ntb-set-node-os [set $name] RHL-STD\n"
        + "$ns run\n"));
    assertEquals("RHL-STD", node(r, "mypc1").os());
  }

  @Test
  void aNodeReturnedByAProcIsNamedByTheGlobalAssignment() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "proc mk {ns} {\n  set n [$ns node]\n  return $n\n}\nset viaProc [mk $ns]\n"
        + "$ns run\n"));
    assertEquals(List.of("viaProc"), nodeNames(r));
  }

  @Test
  void anAssignmentInsideAProcDoesNotName() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "proc mk {ns} {\n  set n [$ns node]\n  set m 1\n}\nmk $ns\n$ns run\n"));
    assertEquals(List.of("tbnode-n1"), nodeNames(r));
  }

  @Test
  void theSimulatorIsNamedNs() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "set n [$ns node]\n$ns at 10 \"$ns swapout\"\n$ns run\n"));
    assertEquals("ns", r.ir().events().get(0).object());
  }

  @Test
  void reusingAVariableInALoopKeepsDistinctNodesWithAWarning() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "foreach i {1 2} { set n [$ns node]; lappend all $n }\n"
        + "$ns make-lan $all 100Mb 0ms\n$ns run\n"));
    assertEquals(List.of("n", "tbnode-n2"), nodeNames(r));
    assertTrue(r.diagnostics().stream().anyMatch(d -> d.message().contains("keeps its internal name")));
  }

  @Test
  void aNameThatIsATclCommandIsRefused() {
    ParseResult r = Ns.pass(HEAD + "set list [$ns node]\n$ns run\n");
    Ns.errorAt(r, 3, "Already have an object named list");
  }

  @Test
  void renamingReachesEveryStructureHoldingTheObject() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "set a [$ns node]\nset b [$ns node]\n"
        + "set link0 [$ns duplex-link $a $b 10Mb 0ms DropTail]\n$ns at 5 \"$link0 down\"\n$ns run\n"));
    assertEquals("link0", r.ir().events().get(0).object());
    assertEquals("link0", node(r, "a").interfaces().get(0).lan());
  }

  @Test
  void optionVariablesBecomeTheEnvironment() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "set opt(RATE) 10\nset opt(NAME) demo\nset n [$ns node]\n$ns run\n"));
    assertEquals(List.of("RATE", "NAME"), List.copyOf(r.ir().experiment().environment().keySet()));
    assertEquals("demo", r.ir().experiment().environment().get("NAME"));
  }
}
