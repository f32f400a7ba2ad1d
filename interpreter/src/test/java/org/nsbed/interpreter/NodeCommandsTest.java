package org.nsbed.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nsbed.interpreter.Ns.HEAD;
import static org.nsbed.interpreter.Ns.node;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbed.interpreter.ir.Tarfile;

/** Per-node commands: OS, failure action, hardware, fixing, start-up, tarfiles, RPMs. */
class NodeCommandsTest {

  private static final String ONE = HEAD + "set n [$ns node]\n";

  @Test
  void theOsIsStoredAsWritten() {
    ParseResult r = Ns.ok(Ns.full(ONE + "tb-set-node-os $n emulab-ops/FBSD-STD\n$ns run\n"));
    assertEquals("emulab-ops/FBSD-STD", node(r, "n").os());
    assertNull(node(r, "n").parentOs());
  }

  @Test
  void aNodeWithoutAnOsGetsItsTypesDefault() {
    ParseResult r = Ns.ok(Ns.pass(ONE + "tb-set-hardware $n shark\n$ns run\n"));
    assertEquals("SHARK-STD", node(r, "n").os());
  }

  @Test
  void aNodeOfAVtypeGetsNoDefaultOs() {
    ParseResult r = Ns.ok(Ns.pass(ONE + "tb-make-soft-vtype fast {pc600 pc850}\ntb-set-hardware $n fast\n$ns run\n"));
    assertEquals("", node(r, "n").os());
    assertEquals("fast", node(r, "n").type());
  }

  @Test
  void anUnknownOsIsAnErrorInFullModeOnly() {
    String text = ONE + "tb-set-node-os $n NO-SUCH-OS\n$ns run\n";
    assertEquals("Invalid osid NO-SUCH-OS.", Ns.errorAt(Ns.full(text), 4, "Invalid osid").message());
    assertEquals("NO-SUCH-OS", node(Ns.ok(Ns.pass(text)), "n").os());
  }

  @Test
  void aSubOsRunsOnAListedParent() {
    ParseResult r = Ns.ok(Ns.full(ONE + "tb-set-node-os $n FBSD-JAIL FBSD-STD\n$ns run\n"));
    assertEquals("FBSD-STD", node(r, "n").parentOs());
  }

  @Test
  void aSubOsOnAnUnlistedParentIsAnErrorAtTheOsLine() {
    ParseResult r = Ns.full(ONE + "tb-set-node-os $n FBSD-JAIL RHL-STD\n$ns run\n");
    Ns.errorAt(r, 4, "subOSID FBSD-JAIL does not run on parent OSID RHL-STD!");
  }

  @Test
  void anUnknownParentOsIsAnError() {
    ParseResult r = Ns.full(ONE + "tb-set-node-os $n FBSD-JAIL NOPE\n$ns run\n");
    Ns.errorAt(r, 4, "Invalid parent osid NOPE.");
  }

  @Test
  void aParentOfZeroMeansNone() {
    ParseResult r = Ns.ok(Ns.full(ONE + "tb-set-node-os $n FBSD-STD 0\n$ns run\n"));
    assertNull(node(r, "n").parentOs());
  }

  @Test
  void theOsOfALinkHasNoEffectAndWarns() {
    ParseResult r = Ns.ok(Ns.full(ONE + "set m [$ns node]\nset l [$ns duplex-link $n $m 10Mb 0ms DropTail]\n"
        + "tb-set-node-os $l FBSD-STD\n$ns run\n"));
    assertTrue(r.diagnostics().stream().anyMatch(d -> d.message().contains("not a node")));
  }

  @Test
  void failureActionsAreFatalNonfatalOrIgnore() {
    ParseResult r = Ns.ok(Ns.pass(HEAD + "set a [$ns node]\nset b [$ns node]\nset c [$ns node]\n"
        + "tb-set-node-failure-action $a nonfatal\ntb-set-node-failure-action $b ignore\n$ns run\n"));
    assertEquals("nonfatal", node(r, "a").failureAction());
    assertEquals("ignore", node(r, "b").failureAction());
    assertEquals("fatal", node(r, "c").failureAction());
  }

  @Test
  void anotherFailureActionIsRejected() {
    ParseResult r = Ns.pass(ONE + "tb-set-node-failure-action $n sometimes\n$ns run\n");
    Ns.errorAt(r, 4, "must be one of fatal|nonfatal|ignore");
    assertEquals("fatal", node(r, "n").failureAction());
  }

  @Test
  void theFailureActionOfALinkIsNotANodesOne() {
    ParseResult r = Ns.pass(ONE + "set m [$ns node]\nset l [$ns duplex-link $n $m 10Mb 0ms DropTail]\n"
        + "tb-set-node-failure-action $l nonfatal\n$ns run\n");
    Ns.errorAt(r, 6, "l is not a node.");
  }

  @Test
  void hardwareTypesAreCheckedInFullMode() {
    Ns.errorAt(Ns.full(ONE + "tb-set-hardware $n pc9000\n$ns run\n"), 4, "Invalid hardware type pc9000.");
    Ns.errorAt(Ns.full(ONE + "tb-set-hardware $n pc3000\n$ns run\n"), 4, "No permission to use type pc3000.");
    assertEquals("pc850", node(Ns.ok(Ns.full(ONE + "tb-set-hardware $n pc850\n$ns run\n")), "n").type());
  }

  @Test
  void fixingToAPhysicalNodeTakesItsType() {
    ParseResult r = Ns.ok(Ns.full(ONE + "tb-fix-node $n pc3\n$ns run\n"));
    assertEquals("pc3", node(r, "n").fixed());
    assertEquals("pc850", node(r, "n").type());
  }

  @Test
  void fixingToAnUnknownPhysicalNodeIsAnErrorInFullMode() {
    Ns.errorAt(Ns.full(ONE + "tb-fix-node $n pc99\n$ns run\n"), 4, "no physical node named pc99");
  }

  @Test
  void aSubnodeIsFixedToItsHostNode() {
    ParseResult r = Ns.ok(Ns.full(HEAD + "set ixp [$ns node]\nset host [$ns node]\ntb-set-hardware $ixp ixp-bv\n"
        + "tb-fix-node $ixp $host\n$ns run\n"));
    assertEquals("host", node(r, "ixp").fixed());
    assertEquals(1.0, node(r, "host").desires().get("hosts-ixp-bv"));
  }

  @Test
  void anOrdinaryNodeCannotBeFixedToAnotherNode() {
    Ns.errorAt(Ns.full(HEAD + "set a [$ns node]\nset b [$ns node]\ntb-fix-node $a $b\n$ns run\n"), 5,
        "Improper fix-node");
  }

  @Test
  void anUnfixedSubnodeGetsASyntheticHost() {
    ParseResult r = Ns.ok(Ns.pass(ONE + "tb-set-hardware $n ixp-bv\n$ns run\n"));
    assertEquals("host-n", node(r, "n").fixed());
    assertEquals(1.0, node(r, "host-n").desires().get("hosts-ixp-bv"));
  }

  @Test
  void startupCommandsAndProgramsAreRecorded() {
    ParseResult r = Ns.ok(Ns.pass(ONE + "tb-set-node-startup $n /proj/x/run.sh\ntb-set-node-startcmd $n \"echo hi\"\n"
        + "$ns run\n"));
    assertEquals("/proj/x/run.sh", node(r, "n").startupCmd());
    assertEquals("echo hi", node(r, "n").startCmd());
    assertEquals("n_startcmd", r.ir().programs().get(0).name());
    assertEquals("(echo hi ; /usr/local/etc/emulab/startcmddone $?)", r.ir().programs().get(0).command());
    assertEquals("START", r.ir().events().get(0).event());
  }

  @Test
  void tarfilesArePairsOfAbsoluteDirectoryAndTarball() {
    ParseResult r = Ns.ok(Ns.full(ONE + "tb-set-node-tarfiles $n /usr/site /proj/p/site.tar.gz /opt "
        + "http://example.org/x.tgz\n$ns run\n"));
    assertEquals(List.of(new Tarfile("/usr/site", "/proj/p/site.tar.gz"), new Tarfile("/opt",
        "http://example.org/x.tgz")), node(r, "n").tarfiles());
  }

  @Test
  void aRelativeTarfileDirectoryIsRejected() {
    Ns.errorAt(Ns.pass(ONE + "tb-set-node-tarfiles $n dira tara\n$ns run\n"), 4, "'dira' is not an absolute path.");
  }

  @Test
  void aTarballOutsideTheAllowedDirectoriesIsRejectedInFullMode() {
    String text = ONE + "tb-set-node-tarfiles $n /dira /tara\n$ns run\n";
    Ns.errorAt(Ns.full(text), 4, "'/tara' is not in an allowed directory");
    Ns.ok(Ns.pass(text));
  }

  @Test
  void rpmsGivenAsOneStringAreSplit() {
    ParseResult r = Ns.ok(Ns.pass(ONE + "tb-set-node-rpms $n \"/a.rpm /b.rpm\" /c.rpm\n$ns run\n"));
    assertEquals(List.of("/a.rpm", "/b.rpm", "/c.rpm"), node(r, "n").rpms());
  }

  @Test
  void desiresAreRecordedOnce() {
    ParseResult r = Ns.pass(ONE + "$n add-desire fast 1.0\n$n add-desire fast 0.5\n$ns run\n");
    Ns.errorAt(r, 5, "Desire fast already set");
    assertEquals(1.0, node(r, "n").desires().get("fast"));
  }
}
