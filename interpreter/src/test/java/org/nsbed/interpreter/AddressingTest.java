package org.nsbed.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nsbed.interpreter.Ns.HEAD;
import static org.nsbed.interpreter.Ns.member;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nsbed.interpreter.ir.LanMember;
import org.nsbed.interpreter.ir.VirtualLan;

/** IP addresses: {@code tb-set-ip*}, netmasks, and the reference's fill at {@code $ns run}. */
class AddressingTest {

  /** shared/conformance/emulab-testsuite/db1.ns: its expected addresses depend on Tcl's hash order. */
  private static final String DB1 = HEAD + """
      set node1 [$ns node]
      set node2 [$ns node]
      set node3 [$ns node]
      set node4 [$ns node]
      set node5 [$ns node]
      set node6 [$ns node]
      set lan3 [$ns make-lan "$node1 $node2 $node3" 100Mb 100ms]
      set lan2 [$ns make-lan "$node4 $node3" 100Mb 50ms]
      set link1 [$ns duplex-link $node4 $node5 100Mb 0ms DropTail]
      set link2 [$ns duplex-link $node4 $node5 100Mb 0ms DropTail]
      tb-set-link-loss $link2 0.05
      set link3 [$ns duplex-link $node6 $node5 100Mb 0ms DropTail]
      set link4 [$ns duplex-link $node6 $node1 45Mb 1000ms DropTail]
      $ns run
      """;

  @Test
  void subnetsFollowTheReferencesHashOrder() {
    ParseResult r = Ns.ok(Ns.pass(DB1));
    assertEquals("10.1.5.2", member(r, "lan3", "node1").ip());
    assertEquals("10.1.3.2", member(r, "lan2", "node4").ip());
    assertEquals("10.1.6.2", member(r, "link1", "node4").ip());
    assertEquals("10.1.1.3", member(r, "link2", "node5").ip());
    assertEquals("10.1.2.2", member(r, "link3", "node6").ip());
    assertEquals("10.1.4.3", member(r, "link4", "node1").ip());
  }

  @Test
  void theNodesInterfacesCarryTheirAddresses() {
    ParseResult r = Ns.ok(Ns.pass(DB1));
    var node4 = Ns.node(r, "node4");
    assertEquals("10.1.3.2", node4.interfaces().get(0).ip());
    assertEquals("link2", node4.interfaces().get(2).lan());
    assertEquals("255.255.255.0", node4.interfaces().get(2).mask());
  }

  @Test
  void userAddressesAreKeptAndTheRestNumberedAroundThem() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + """
        set a [$ns node]
        set b [$ns node]
        set c [$ns node]
        set lan0 [$ns make-lan "$a $b $c" 100Mb 0ms]
        tb-set-ip-lan $a $lan0 1.0.0.2
        $ns run
        """));
    assertEquals("1.0.0.2", member(r, "lan0", "a").ip());
    assertEquals("1.0.0.3", member(r, "lan0", "b").ip());
    assertEquals("1.0.0.4", member(r, "lan0", "c").ip());
  }

  @Test
  void eachSetterReachesItsInterface() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + """
        set n0 [$ns node]
        set n1 [$ns node]
        set n2 [$ns node]
        set lan0 [$ns make-lan "$n0 $n1" 100Mb 0ms]
        set link0 [$ns duplex-link $n0 $n2 100Mb 0ms DropTail]
        set n3 [$ns node]
        $ns duplex-link $n3 $n1 100Mb 0ms DropTail
        tb-set-ip $n3 1.0.4.1
        tb-set-ip-interface $n1 $n3 1.0.4.2
        tb-set-ip-link $n0 $link0 1.0.1.1
        tb-set-ip-lan $n0 $lan0 1.0.2.1
        $ns run
        """));
    assertEquals("1.0.4.1", Ns.node(r, "n3").interfaces().get(0).ip());
    assertEquals("1.0.4.2", Ns.node(r, "n1").interfaces().get(1).ip());
    assertEquals("1.0.1.1", member(r, "link0", "n0").ip());
    assertEquals("1.0.2.1", member(r, "lan0", "n0").ip());
  }

  @Test
  void aNetmaskShapesTheSubnet() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + """
        set a [$ns node]
        set b [$ns node]
        set l [$ns duplex-link $a $b 100Mb 0ms DropTail]
        tb-set-netmask $l 255.255.255.248
        $ns run
        """));
    assertEquals("255.255.255.248", Ns.lan(r, "l").mask());
    assertEquals("10.1.1.10", member(r, "l", "a").ip());
  }

  @Test
  void aLanLargerThanASlash24GetsAWiderSubnetWithAWarning() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + """
        for {set i 0} {$i < 300} {incr i} { set n($i) [$ns node]; lappend all $n($i) }
        set big [$ns make-lan $all 100Mb 0ms]
        $ns run
        """));
    VirtualLan big = Ns.lan(r, "big");
    assertEquals("255.255.254.0", big.mask());
    Set<String> ips = new HashSet<>();
    for (LanMember m : big.members()) {
      assertTrue(m.ip().startsWith("10.1.2.") || m.ip().startsWith("10.1.3."), m.ip());
      ips.add(m.ip());
    }
    assertEquals(300, ips.size());
    assertTrue(r.diagnostics().stream().anyMatch(d -> d.message().contains("more than a /24 holds")));
  }

  @Test
  void linksBetweenRemoteNodesGetWideAreaSubnets() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + """
        set a [$ns node]
        set b [$ns node]
        tb-set-hardware $a pcvron
        tb-set-hardware $b pcvron
        set l [$ns duplex-link $a $b 2Mb 50ms DropTail]
        $ns run
        """));
    assertEquals("255.255.255.248", Ns.lan(r, "l").mask());
    assertEquals("69.69.1.2", member(r, "l", "a").ip());
  }

  @Test
  void aUserAddressThatIsTheSubnetsBroadcastIsRejected() {
    ParseResult r = Ns.pass(HEAD + """
        set a [$ns node]
        set b [$ns node]
        set l [$ns duplex-link $a $b 100Mb 0ms DropTail]
        tb-set-ip-link $a $l 10.9.9.255
        $ns run
        """);
    Ns.errorAt(r, 6, "broadcast address");
  }
}
