package org.nsbed.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nsbed.interpreter.Ns.HEAD;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nsbed.interpreter.ir.Diagnostic;

/**
 * Every {@code tb-*} command that validates its input rejects a wrong argument with a clear error
 * of that command, at the line of the call, and evaluation goes on.
 */
class WrongArgumentsTest {

  /** Nodes a, b, c; LAN lan0 of all three; link0 between a and b. The call under test is on line 8. */
  private static final String SETUP = HEAD + """
      set a [$ns node]
      set b [$ns node]
      set c [$ns node]
      set lan0 [$ns make-lan "$a $b $c" 100Mb 0ms]
      set link0 [$ns duplex-link $a $b 100Mb 0ms DropTail]
      """;

  static Stream<Arguments> wrongCalls() {
    return Stream.of(
        pass("tb-set-ip $a 1.2.3.4", "does not have a single connection"),
        pass("tb-set-ip $c 1.2.3", "1.2.3 is not a valid IP address."),
        pass("tb-set-ip-interface $a $c 1.2.3.4", "No connection between a and c."),
        pass("tb-set-ip-lan $a $link0 1.2.3.4", "link0 is not a LAN."),
        pass("tb-set-ip-link $a $lan0 1.2.3.4", "lan0 is not a link."),
        pass("tb-set-netmask $lan0 255.0.0.0", "too big"),
        pass("tb-use-ipassign maybe", "must be 0 or 1"),
        full("tb-set-hardware $a pc9000", "Invalid hardware type pc9000."),
        full("tb-set-node-os $a NOPE", "Invalid osid NOPE."),
        full("tb-set-node-os $a FBSD-JAIL NOPE", "Invalid parent osid NOPE."),
        pass("tb-set-node-os nosuch FBSD-STD", "nosuch is not a node."),
        pass("tb-set-node-failure-action $a often", "must be one of fatal|nonfatal|ignore."),
        pass("tb-set-node-failure-action $lan0 nonfatal", "lan0 is not a node."),
        full("tb-set-node-loadlist $a \"FBSD-STD,NOPE\"", "Invalid osid NOPE."),
        pass("tb-set-node-cmdline $link0 quiet", "link0 is not a node."),
        pass("tb-set-node-rpms $a", "No rpms given."),
        pass("tb-set-node-startup nosuch /bin/true", "nosuch is not a node."),
        pass("tb-set-node-startcmd $lan0 /bin/true", "lan0 is not a node."),
        pass("tb-set-node-tarfiles $a /x", "Arguments should be node and series of pairs."),
        pass("tb-set-node-tarfiles $a", "usage"),
        pass("tb-set-tarfiles /proj/x /proj/y.tar", "refers to an NFS directory"),
        full("tb-set-node-tarfiles $a /opt /proj/p/readme.txt", "does not have a tarball extension"),
        full("tb-fix-node $a pc99", "no physical node named pc99"),
        full("tb-bind-parent $a $b", "Improper fix-node"),
        pass("tb-set-node-usesharednode $a lots", "'lots' is not a number."),
        pass("tb-set-node-id $a x1", "'x1' is not an integer."),
        pass("tb-set-node-sharingmode $lan0 shared", "lan0 is not a node."),
        pass("tb-set-ipassign-args", "wrong number of arguments"),
        pass("tb-set-node-startcmd $a", "wrong number of arguments"),
        pass("tb-fix-interface $c $link0 eth0", "c is not connected to link0."),
        pass("tb-set-node-inner-elab-role $a king", "must be one of"),
        pass("tb-set-node-plab-role $a king", "must be one of plc|node|none."),
        pass("tb-set-node-plab-plcnet $a nowhere", "nowhere is not a link or LAN."),
        pass("tb-set-node-service ssh -node", "options come in pairs"),
        pass("tb-add-node-service-hook rc.isup -script hooks/x.sh", "must be an absolute path."),
        pass("tb-add-node-service-hook rc.isup -node nosuch -script /x", "nosuch is not a node."),
        pass("tb-make-soft-vtype V {}", "needs at least one hardware type"),
        full("tb-make-hard-vtype V {pc9000}", "Invalid hardware type pc9000 in vtype V."),
        full("tb-make-weighted-vtype V 0.5 {pcvron}", "Remote type pcvron cannot be part of"),
        pass("tb-make-weighted-vtype V 2 {pc600}", "is not a valid weight"),
        pass("tb-set-link-loss $link0 1.5", "1.5 is not a valid loss rate."),
        pass("tb-set-link-loss $a $c 0.1", "No link between a and c."),
        pass("tb-set-link-est-bandwidth $link0 fast", "is not a bandwidth"),
        pass("tb-set-link-backfill $lan0 1Mb", "lan0 is not a link."),
        pass("tb-set-link-simplex-params $link0 $c 10ms 1Mb 0", "c is not connected to link0."),
        pass("tb-set-link-simplex-backfill $lan0 $a 1Mb", "lan0 is not a link."),
        pass("tb-set-lan-loss $lan0 2", "2 is not a valid loss rate."),
        pass("tb-set-lan-est-bandwidth $link0 1Mb", "link0 is not a LAN."),
        pass("tb-set-lan-backfill $lan0 1Zb", "Unknown bandwidth unit Zb."),
        pass("tb-set-node-lan-delay $a $lan0 1ms", "The delay of 1.0ms is invalid"),
        pass("tb-set-node-lan-bandwidth $a $lan0 lots", "is not a bandwidth"),
        pass("tb-set-node-lan-est-bandwidth $c $link0 1Mb", "c is not connected to link0."),
        pass("tb-set-node-lan-backfill $a nolan 1Mb", "nolan is not a link or LAN."),
        pass("tb-set-node-lan-loss $a $lan0 -1", "is not a valid loss rate."),
        pass("tb-set-node-lan-params $a $lan0 10ms 1Mb", "wrong number of arguments"),
        pass("tb-set-lan-simplex-params $lan0 $a 0ms 100Mb 0 1ms 10Mb 0.2", "The delay of 1.0ms is invalid"),
        pass("tb-set-lan-simplex-backfill $lan0 $a 1Mb", "wrong number of arguments"),
        pass("tb-set-link-failure-action $link0 ignore", "must be one of fatal|nonfatal."),
        pass("tb-set-multiplexed $link0 sometimes", "must be 0 or 1."),
        pass("tb-set-noshaping $a 1", "a is not a link or LAN."),
        pass("tb-set-endnodeshaping $link0 yes-please", "must be 0 or 1."),
        pass("tb-set-allowcolocate nolink 1", "nolink is not a link or LAN."),
        pass("tb-set-useveth $link0 2", "must be 0 or 1."),
        pass("tb-set-link-encap $link0 veth", "must be one of gre|egre|vtun|veth-ne|vlan."),
        pass("tb-set-lan-protocol $link0 wireless", "link0 is not a LAN."),
        pass("tb-set-link-protocol $lan0 ethernet", "lan0 is not a link."),
        pass("tb-set-lan-accesspoint $lan0 nosuch", "nosuch is not a node."),
        pass("tb-set-lan-setting $a key value", "a is not a link or LAN."),
        pass("tb-set-node-lan-setting $link0 $c key value", "c is not connected to link0."),
        pass("tb-set-link-layer $link0 two", "'two' is not an integer."),
        pass("tb-set-ip-routing rip", "Type is not one of none|ospf"),
        pass("tb-set-uselatestwadata 2", "must be 0 or 1."),
        pass("tb-set-usewatunnels x", "must be 0 or 1."),
        pass("tb-use-endnodeshaping x", "must be 0 or 1."),
        pass("tb-force-endnodeshaping x", "must be 0 or 1."),
        pass("tb-fix-current-resources x", "must be 0 or 1."),
        pass("tb-use-physnaming x", "must be 0 or 1."),
        pass("tb-set-dpdb x", "must be 0 or 1."),
        pass("tb-set-wasolver-weights 1 -1 2", "weights must be 0 or more"),
        pass("tb-set-colocate-factor 0", "between 1 and 100"),
        pass("tb-set-mem-usage 9", "between 1 and 5"),
        pass("tb-set-cpu-usage 0", "between 1 and 5"),
        pass("tb-set-sync-server $link0", "link0 is not a node."),
        pass("tb-set-encapsulate x", "must be 0 or 1."),
        pass("tb-set-vlink-emulation veth", "must be one of gre|egre|vtun|veth-ne|vlan."),
        full("tb-set-jail-os NOPE", "Invalid osid NOPE."),
        full("tb-set-delay-os NOPE", "Invalid osid NOPE."),
        pass("tb-set-delay-capacity 3", "at most 2"),
        pass("tb-set-security-level Red", "not implemented"),
        pass("tb-set-security-level Purple", "must be one of Green|Blue|Yellow|Orange"));
  }

  private static Arguments pass(String call, String message) {
    return Arguments.of(call, ParseMode.PASS, message);
  }

  private static Arguments full(String call, String message) {
    return Arguments.of(call, ParseMode.FULL, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongCalls")
  void aWrongArgumentIsAnErrorOfTheCommandAtItsLine(String call, ParseMode mode, String message) {
    ParseResult r = NsParser.parse(ParseRequest.of("test.ns", SETUP + call + "\n$ns run\n", mode,
        TestCatalog.INSTANCE));
    Diagnostic d = Ns.errorAt(r, 8, message);
    assertEquals(call.split(" ")[0], d.command());
    assertEquals(1, d.column());
    // Evaluation went on: the experiment was still finalized.
    assertEquals(3, r.ir().nodes().size());
  }
}
