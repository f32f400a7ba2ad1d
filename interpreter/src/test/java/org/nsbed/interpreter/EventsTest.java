package org.nsbed.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nsbed.interpreter.Ns.HEAD;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nsbed.interpreter.ir.Event;

/** {@code $ns at}, programs, event groups and sequences (docs/ns-language.md, "Events"). */
class EventsTest {

  private static final String TWO = HEAD + "set a [$ns node]\nset b [$ns node]\n"
      + "set link0 [$ns duplex-link $a $b 100Mb 0ms DropTail]\n";

  @Test
  void linkEventsAreScheduled() {
    ParseResult r = Ns.ok(Ns.pass(TWO + "$ns at 2.0 \"$link0 down\"\n$ns at 1h2m \"$link0 up; $link0 bandwidth 10Mb "
        + "duplex\"\n$ns run\n"));
    assertEquals(List.of(new Event(2.0, "timer", "link0", "LINK", "DOWN", "", 6),
        new Event(3720, "timer", "link0", "LINK", "UP", "", 7),
        new Event(3720, "timer", "link0", "LINK", "MODIFY", "BANDWIDTH=10000", 7)), r.ir().events());
  }

  @Test
  void swapoutEventsHaveTheirOwnTrigger() {
    ParseResult r = Ns.ok(Ns.pass(TWO + "$ns at swapout \"$a reboot\"\n$ns run\n"));
    assertEquals("swapout", r.ir().events().get(0).trigger());
    assertEquals("REBOOT", r.ir().events().get(0).event());
  }

  @Test
  void programsRunOnTheirNode() {
    ParseResult r = Ns.ok(Ns.pass(TWO + """
        set prog0 [new Program $ns]
        $prog0 set node $b
        $prog0 set command "/bin/ls -lt"
        set p1 [$a program-agent -command "sleep 60" -timeout 90 -expected-exit-code 0]
        $ns at 20 "$prog0 start"
        $ns at 21 "$p1 stop"
        $ns run
        """));
    assertEquals("b", r.ir().programs().get(0).node());
    assertEquals("/bin/ls -lt", r.ir().programs().get(0).command());
    assertEquals("p1", r.ir().programs().get(1).name());
    assertEquals(90.0, r.ir().programs().get(1).timeout());
    assertEquals("PROGRAM", r.ir().events().get(0).objectType());
    assertEquals("STOP", r.ir().events().get(1).event());
  }

  @Test
  void aProgramWithoutANodeIsAnErrorAtItsLine() {
    Ns.errorAt(Ns.pass(TWO + "set prog0 [new Program $ns]\n$ns run\n"), 6, "has no node");
  }

  @Test
  void trafficGeneratorsStartAndStop() {
    ParseResult r = Ns.ok(Ns.pass(TWO + "set cbr0 [new Application/Traffic/CBR]\n$ns at 1 \"$cbr0 start\"\n"
        + "$ns at 2 \"$cbr0 set rate_ 1Mbps\"\n$ns run\n"));
    assertEquals("TRAFGEN", r.ir().events().get(0).objectType());
    assertEquals("RATE=1000", r.ir().events().get(1).args());
  }

  @Test
  void queueEventsAddressLinkAndNode() {
    ParseResult r = Ns.ok(Ns.pass(TWO + "set q [[$ns link $a $b] queue]\n$ns at 1 \"$q set limit_ 55\"\n$ns run\n"));
    assertEquals("link0-a", r.ir().events().get(0).object());
    assertEquals("LIMIT=55", r.ir().events().get(0).args());
  }

  @Test
  void eventGroupsAndSequencesAreRecorded() {
    ParseResult r = Ns.ok(Ns.pass(TWO + """
        set p0 [$a program-agent -command "echo 0"]
        set p1 [$b program-agent -command "echo 1"]
        set grp [$ns event-group "$p0 $p1"]
        set seq [$ns event-sequence {
          $ns log "starting"
          $grp start
        }]
        $ns at 5 "$seq start"
        $ns run
        """));
    assertEquals(List.of("p0", "p1"), r.ir().eventGroups().get(0).members());
    assertEquals("seq", r.ir().eventLists().get(0).name());
    assertEquals(2, r.ir().eventLists().get(0).events().size());
    assertEquals("SEQUENCE", r.ir().events().get(0).objectType());
  }

  @Test
  void anUnknownEventIsAnErrorNamingIt() {
    Ns.errorAt(Ns.pass(TWO + "$ns at 1 \"$link0 explode\"\n$ns run\n"), 6, "unknown event 'explode'");
  }

  @Test
  void anEventOnSomethingThatIsNotAnObjectIsAnError() {
    Ns.errorAt(Ns.pass(TWO + "$ns at 1 \"finish\"\n$ns run\n"), 6, "finish is not an NS object");
  }

  @Test
  void anInvalidTimeIsAnError() {
    Ns.errorAt(Ns.pass(TWO + "$ns at soon \"$link0 down\"\n$ns run\n"), 6, "Invalid time spec: soon");
  }

  @Test
  void tooManyEventsAreRefused() {
    ParseRequest request = ParseRequest.of("test.ns", TWO + "for {set i 0} {$i < 20} {incr i} "
        + "{ $ns at $i \"$link0 down\" }\n$ns run\n", ParseMode.PASS, TestCatalog.INSTANCE)
        .withLimits(new EvaluationLimits(java.time.Duration.ofSeconds(10), 256, 10));
    ParseResult r = NsParser.parse(request);
    Ns.errorAt(r, 6, "Too many events");
    assertEquals(10, r.ir().events().size());
  }
}
