package org.nsbed.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nsbed.interpreter.Ns.HEAD;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbed.interpreter.ir.VirtualLan;
import org.nsbed.interpreter.ir.VirtualNode;

/**
 * Naming by assignment from inside procs, as the reference decides it (docs/ns-language.md,
 * "Names"): after the assignment, a global variable with the assigned variable's name (array index
 * and leading {@code ::} dropped) must exist; the object is then named after the variable as
 * written in the assignment.
 */
class NamingThroughScopesTest {

  private static final String NODES = HEAD + "set a [$ns node]\nset b [$ns node]\nset c [$ns node]\n";

  private static List<String> nodeNames(ParseResult r) {
    return r.ir().nodes().stream().map(VirtualNode::name).sorted().toList();
  }

  private static List<String> lanNames(ParseResult r) {
    return r.ir().lans().stream().map(VirtualLan::name).sorted().toList();
  }

  @Test
  void aLanAssignedToAGlobalArrayElementInsideAProcIsNamedAfterTheElement() {
    ParseResult r = Ns.ok(Ns.pass(NODES + "proc mklan {sim prefix members} {\n  global lans\n"
        + "  set lans($prefix) [$sim make-lan $members 100Mb 0ms]\n}\nmklan $ns east \"$a $b\"\n"
        + "mklan $ns west \"$b $c\"\n$ns run\n"));
    assertEquals(List.of("lans-east", "lans-west"), lanNames(r));
  }

  @Test
  void aNodeAssignedToAGlobalScalarInsideAProcIsNamedAfterIt() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "proc mk {ns} {\n  global router\n  set router [$ns node]\n}\nmk $ns\n"
        + "$ns run\n"));
    assertEquals(List.of("router"), nodeNames(r));
  }

  @Test
  void aLinkAssignedToAGlobalArrayElementInsideAProcIsNamedAfterTheElement() {
    ParseResult r = Ns.ok(Ns.pass(NODES + "proc connect {ns x y} {\n  global links\n"
        + "  set links($x$y) [$ns duplex-link $x $y 100Mb 0ms DropTail]\n}\nconnect $ns $a $b\n$ns run\n"));
    assertEquals(List.of("links-ab"), lanNames(r));
  }

  @Test
  void upvarHashZeroUnderTheGlobalsOwnNameNames() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "proc mk {ns} {\n  upvar #0 gw gw\n  set gw [$ns node]\n}\nmk $ns\n"
        + "$ns run\n"));
    assertEquals(List.of("gw"), nodeNames(r));
  }

  @Test
  void upvarHashZeroUnderAnotherLocalNameDoesNotName() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "proc mk {ns} {\n  upvar #0 gw g\n  set g [$ns node]\n}\nmk $ns\n"
        + "$ns run\n"));
    assertEquals(List.of("tbnode-n1"), nodeNames(r));
  }

  @Test
  void upvarOfTheCallersVariableUnderAnotherNameDoesNotNameButTheCallersAssignmentDoes() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "proc mk {ns var} {\n  upvar 1 $var v\n  set v [$ns node]\n}\n"
        + "mk $ns web\nproc mk2 {ns} {\n  set v [$ns node]\n  return $v\n}\nset db [mk2 $ns]\n$ns run\n"));
    assertEquals(List.of("db", "tbnode-n1"), nodeNames(r));
  }

  @Test
  void aGlobalArrayElementLinkedWithUpvarUnderItsOwnNameNames() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "proc mk {ns i} {\n  upvar #0 n n\n  set n($i) [$ns node]\n}\n"
        + "mk $ns 1\nmk $ns 2\n$ns run\n"));
    assertEquals(List.of("n-1", "n-2"), nodeNames(r));
  }

  @Test
  void aFullyQualifiedGlobalInsideAProcNames() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "proc mk {ns} {\n  set ::server [$ns node]\n}\nmk $ns\n$ns run\n"));
    assertEquals(List.of("server"), nodeNames(r));
  }

  @Test
  void aNamespaceVariableDoesNotName() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "namespace eval topo {\n  variable x\n  set x [$ns node]\n}\n"
        + "proc mk {ns} {\n  set ::topo::y [$ns node]\n}\nmk $ns\n$ns run\n"));
    assertEquals(List.of("tbnode-n1", "tbnode-n2"), nodeNames(r));
  }

  @Test
  void aLocalWithTheNameOfAnExistingGlobalNamesAsInTheReference() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "set spare 0\nproc mk {ns} {\n  set spare [$ns node]\n}\nmk $ns\n"
        + "$ns run\n"));
    assertEquals(List.of("spare"), nodeNames(r));
  }

  @Test
  void aNodeMadeInsideApplyAndAssignedToAGlobalIsNamed() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "apply {{ns} {\n  global edge\n  set edge [$ns node]\n}} $ns\n$ns run\n"));
    assertEquals(List.of("edge"), nodeNames(r));
  }

  @Test
  void anAssignmentThatDoesNotNameStillReturnsTheValueAssigned() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "proc mk {ns} {\n  return [set local [$ns node]]\n}\nputs [mk $ns]\n"
        + "set opt(x) [string cat a b]\nputs $opt(x)\n$ns run\n"));
    assertEquals("tbnode-n1\nab\n", r.output());
  }
}
