package org.nsbed.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nsbed.interpreter.Ns.HEAD;
import static org.nsbed.interpreter.Ns.member;

import org.junit.jupiter.api.Test;
import org.nsbed.interpreter.ir.LanMember;

/** Link and LAN shaping, stored per direction exactly as the reference stores it. */
class ShapingCommandsTest {

  private static final String LAN = HEAD + """
      set a [$ns node]
      set b [$ns node]
      set c [$ns node]
      set lan0 [$ns make-lan "$a $b $c" 100Mb 0ms]
      set link0 [$ns duplex-link $a $b 100Mb 50ms DropTail]
      """;

  @Test
  void linkLossIsConvertedPerDirection() {
    ParseResult r = Ns.ok(Ns.pass(LAN + "tb-set-link-loss $link0 0.1\n$ns run\n"));
    assertEquals(0.05131670194948623, member(r, "link0", "a").loss(), 1e-12);
    assertEquals(0.05131670194948623, member(r, "link0", "b").rloss(), 1e-12);
  }

  @Test
  void linkLossCanNameTheEndNodes() {
    ParseResult r = Ns.ok(Ns.pass(LAN + "tb-set-link-loss $b $a 0.025\n$ns run\n"));
    assertEquals(0.012579117093425074, member(r, "link0", "a").loss(), 1e-12);
  }

  @Test
  void lanLossIsConvertedAndPerMemberValuesAreRaw() {
    ParseResult r = Ns.ok(Ns.pass(LAN + """
        tb-set-lan-loss $lan0 0.2
        tb-set-node-lan-delay $a $lan0 100ms
        tb-set-node-lan-bandwidth $a $lan0 20Mb
        tb-set-node-lan-loss $a $lan0 0.4
        tb-set-node-lan-params $b $lan0 150ms 30Mb 0.0
        $ns run
        """));
    LanMember a = member(r, "lan0", "a");
    assertEquals(100.0, a.delayMs());
    assertEquals(100.0, a.rdelayMs());
    assertEquals(20000, a.bandwidthKbps());
    assertEquals(0.4, a.loss());
    LanMember b = member(r, "lan0", "b");
    assertEquals(150.0, b.rdelayMs());
    assertEquals(30000, b.rbandwidthKbps());
    assertEquals(0.0, b.loss());
    assertEquals(0.10557280900008414, member(r, "lan0", "c").rloss(), 1e-12);
  }

  @Test
  void simplexLinkParametersShapeOneDirection() {
    ParseResult r = Ns.ok(Ns.pass(LAN + "tb-set-link-simplex-params $link0 $b 300ms 20Mb 0.4\n$ns run\n"));
    LanMember b = member(r, "link0", "b");
    LanMember a = member(r, "link0", "a");
    assertEquals(150.0, b.delayMs());
    assertEquals(20000, b.bandwidthKbps());
    assertEquals(0.2254033307585166, b.loss(), 1e-12);
    assertEquals(25.0, b.rdelayMs());
    assertEquals(150.0, a.rdelayMs());
    assertEquals(20000, a.rbandwidthKbps());
    assertEquals(25.0, a.delayMs());
  }

  @Test
  void simplexLanParametersAreRaw() {
    ParseResult r = Ns.ok(Ns.pass(LAN + "tb-set-lan-simplex-params $lan0 $a 0ms 100Mb 0 100ms 10Mb 0.2\n$ns run\n"));
    LanMember a = member(r, "lan0", "a");
    assertEquals(0.0, a.delayMs());
    assertEquals(100.0, a.rdelayMs());
    assertEquals(10000, a.rbandwidthKbps());
    assertEquals(0.2, a.rloss());
  }

  @Test
  void linkSwitchesAreRecorded() {
    ParseResult r = Ns.ok(Ns.pass(LAN + """
        tb-set-link-failure-action $link0 nonfatal
        tb-set-multiplexed $link0 1
        tb-set-link-encap $link0 gre
        tb-set-lan-protocol $lan0 wireless
        $ns run
        """));
    assertEquals("nonfatal", Ns.lan(r, "link0").failureAction());
    assertEquals("1", Ns.lan(r, "link0").settings().get("emulated"));
    assertEquals("gre", Ns.lan(r, "link0").settings().get("encap"));
    assertEquals("wireless", Ns.lan(r, "lan0").protocol());
  }

  @Test
  void estimatedBandwidthAndBackfillAreRecorded() {
    ParseResult r = Ns.ok(Ns.pass(LAN + "tb-set-link-est-bandwidth $link0 5Mb\ntb-set-lan-backfill $lan0 1Mb\n$ns run\n"));
    assertEquals(5000, member(r, "link0", "a").estBandwidthKbps());
    assertEquals(1000, member(r, "lan0", "c").rbackfillKbps());
  }
}
