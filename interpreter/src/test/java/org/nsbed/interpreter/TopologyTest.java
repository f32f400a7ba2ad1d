package org.nsbed.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nsbed.interpreter.Ns.HEAD;
import static org.nsbed.interpreter.Ns.member;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbed.interpreter.ir.LanMember;
import org.nsbed.interpreter.ir.VirtualLan;

/** Nodes, links and LANs: {@code $ns node}, {@code duplex-link}, {@code make-lan}, queues. */
class TopologyTest {

  private static final String TWO = HEAD + "set a [$ns node]\nset b [$ns node]\n";

  @Test
  void aDuplexLinkHalvesItsDelayInEachDirection() {
    ParseResult r = Ns.ok(Ns.pass(TWO + "set l [$ns duplex-link $a $b 10Mb 100ms DropTail]\n$ns run\n"));
    LanMember m = member(r, "l", "a");
    assertEquals(50.0, m.delayMs());
    assertEquals(50.0, m.rdelayMs());
    assertEquals(10000, m.bandwidthKbps());
    assertEquals(10000, m.rbandwidthKbps());
    assertEquals("link", Ns.lan(r, "l").kind());
  }

  @Test
  void portsCountEachNodesInterfacesInJoiningOrder() {
    ParseResult r = Ns.ok(Ns.pass(TWO + "set c [$ns node]\nset lan [$ns make-lan \"$a $b $c\" 100Mb 0ms]\n"
        + "set l [$ns duplex-link $c $a 100Mb 0ms DropTail]\n$ns run\n"));
    assertEquals(0, member(r, "lan", "a").port());
    assertEquals(1, member(r, "l", "a").port());
    assertEquals(1, member(r, "l", "c").port());
    assertEquals(List.of("a", "b", "c"), Ns.lan(r, "lan").members().stream().map(LanMember::node).toList());
  }

  @Test
  void aLanIsALanAndSplitsItsDelay() {
    ParseResult r = Ns.ok(Ns.pass(TWO + "set lan [$ns make-lan \"$a $b\" 100Mb 50ms]\n$ns run\n"));
    VirtualLan lan = Ns.lan(r, "lan");
    assertEquals("lan", lan.kind());
    assertEquals(25.0, lan.members().get(1).delayMs());
  }

  @Test
  void aLinkToSomethingThatIsNotANodeIsRejected() {
    ParseResult r = Ns.pass(TWO + "$ns duplex-link $a nodeZ 10Mb 0ms DropTail\n$ns run\n");
    assertEquals("nodeZ is not a node.", Ns.errorAt(r, 5, "not a node").message());
  }

  @Test
  void aBandwidthAboveTheLimitIsAnError() {
    ParseResult r = Ns.pass(TWO + "set l [$ns duplex-link $a $b 1150Mb 0ms DropTail]\n$ns run\n");
    Ns.errorAt(r, 5, "Bandwidth requested (1150000) exceeds maximum of 1000000 kbps!");
  }

  @Test
  void aTooSmallBandwidthIsAnError() {
    ParseResult r = Ns.pass(TWO + "set l [$ns duplex-link $a $b 5kb 0ms DropTail]\n$ns run\n");
    Ns.errorAt(r, 5, "too low");
  }

  @Test
  void aDelayBelowTheThresholdIsAnErrorAtItsLine() {
    ParseResult r = Ns.pass(TWO + "set l [$ns duplex-link $a $b 100Mb 1ms DropTail]\n$ns run\n");
    Ns.errorAt(r, 5, "The delay of 1.0ms is invalid");
  }

  @Test
  void aLanWithOneMemberIsRejectedAtItsLine() {
    ParseResult r = Ns.pass(TWO + "set lonely [$ns make-lan \"$a\" 100Mb 0ms]\n$ns run\n");
    Ns.errorAt(r, 5, "lonely has only a single node");
  }

  @Test
  void redQueuesAreTunedPerDirection() {
    ParseResult r = Ns.ok(Ns.pass(TWO + "set l [$ns duplex-link $a $b 100Mb 0ms RED]\n"
        + "set q [[$ns link $a $b] queue]\n$q set limit_ 60\n$q set q_weight_ 0.004\n$ns run\n"));
    assertEquals("RED", member(r, "l", "a").queue().type());
    assertEquals(60, member(r, "l", "a").queue().limit());
    assertEquals(0.004, member(r, "l", "a").queue().qWeight());
    assertEquals(50, member(r, "l", "b").queue().limit());
    assertEquals("1", Ns.lan(r, "l").settings().get("mustdelay"));
  }

  @Test
  void anUnknownQueueTypeIsDropTailWithAWarning() {
    ParseResult r = Ns.ok(Ns.pass(TWO + "set l [$ns duplex-link $a $b 100Mb 0ms CBQ]\n$ns run\n"));
    assertEquals("DropTail", member(r, "l", "a").queue().type());
    assertTrue(r.diagnostics().stream().anyMatch(d -> d.message().contains("CBQ")));
  }

  @Test
  void manualRoutesAreRecorded() {
    ParseResult r = Ns.ok(Ns.pass(TWO + "set c [$ns node]\nset l1 [$ns duplex-link $a $b 100Mb 0ms DropTail]\n"
        + "set l2 [$ns duplex-link $b $c 100Mb 0ms DropTail]\n$ns rtproto Manual\n$a add-route $c $b\n"
        + "$c add-route [$ns link $b $a] $b\n$ns run\n"));
    assertEquals("manual", r.ir().experiment().routing());
    assertEquals("c", Ns.node(r, "a").routes().get(0).destination());
    assertEquals("l1", Ns.node(r, "c").routes().get(0).destination());
    assertEquals("manual", Ns.node(r, "a").routerType());
  }

  @Test
  void anUnknownSimulatorMethodWarnsAndReturnsANullObject() {
    ParseResult r = Ns.ok(Ns.pass(TWO + "set x [$ns color 1 Blue]\n$x foo\n$ns run\n"));
    assertEquals(2, r.diagnostics().stream().filter(d -> d.message().contains("Unsupported NS Statement")).count());
  }

  @Test
  void anUnknownClassWarnsAndParses() {
    ParseResult r = Ns.ok(Ns.pass(TWO + "set s [new Agent/TCPSINK]\n$ns run\n"));
    assertTrue(r.diagnostics().stream().anyMatch(d -> d.message().contains("Agent/TCPSINK")));
  }

  @Test
  void trafficAgentsAreAttachedAndConnected() {
    ParseResult r = Ns.ok(Ns.pass(TWO + "set udp [new Agent/UDP]\n$ns attach-agent $a $udp\n"
        + "set cbr [new Application/Traffic/CBR]\n$cbr set packetSize_ 500\n$cbr attach-agent $udp\n"
        + "set null [new Agent/Null]\n$ns attach-agent $b $null\n$ns connect $udp $null\n$ns run\n"));
    var udp = r.ir().agents().get(0);
    assertEquals("a", udp.node());
    assertEquals(5001, udp.port());
    assertEquals("null", udp.peer());
    assertEquals("500", udp.settings().get("packetSize_"));
  }
}
