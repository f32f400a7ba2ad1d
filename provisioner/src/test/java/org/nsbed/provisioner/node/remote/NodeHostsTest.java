package org.nsbed.provisioner.node.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.provisioner.node.BootTarget;
import org.nsbed.provisioner.node.NodeEvent;
import org.nsbed.provisioner.node.NodeFaults;
import org.nsbed.provisioner.node.BootState;
import org.nsbed.provisioner.node.PowerAction;
import org.nsbed.provisioner.testbed.TestbedFile;

/** The server's side of node hosts: commands in call order, sessions, and what a host that comes back is told. */
class NodeHostsTest {
  @TempDir Path home;

  private static HostedNode node(String name) {
    return new HostedNode(name, "pc850", TestbedFile.SIMULATED, 60, TestbedFile.Qemu.DEFAULTS, NodeFaults.NONE);
  }

  private NodeHosts hosts() {
    return new NodeHosts(home, Map.of("h1", List.of(node("pc1"), node("pc2")), "h2", List.of(node("pc3"))), 0.02);
  }

  private static final BootTarget.LoadImage LOAD = new BootTarget.LoadImage("emulab-ops/FBSD-STD",
      new InetSocketAddress("239.1.2.3", 4000), "eth0", 1, 8 << 20, true);

  @Test
  void commandsReachTheNodesHostInCallOrder() throws Exception {
    NodeHosts hosts = hosts();
    String s1 = hosts.register("h1").session();
    String s2 = hosts.register("h2").session();
    hosts.setNextBoot("pc1", LOAD);
    hosts.power("pc1", PowerAction.CYCLE);
    hosts.power("pc3", PowerAction.OFF);
    assertEquals(List.of(new HostCommand.NextBoot("pc1", LOAD), new HostCommand.Power("pc1", PowerAction.CYCLE)),
        hosts.poll("h1", s1, Duration.ZERO));
    assertEquals(List.of(new HostCommand.Power("pc3", PowerAction.OFF)), hosts.poll("h2", s2, Duration.ZERO));
    assertEquals(List.of(), hosts.poll("h1", s1, Duration.ZERO));
  }

  @Test
  void aPollWaitsForTheFirstCommand() throws Exception {
    NodeHosts hosts = hosts();
    String s = hosts.register("h1").session();
    Thread later = new Thread(() -> {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
      hosts.power("pc2", PowerAction.ON);
    });
    later.start();
    assertEquals(List.of(new HostCommand.Power("pc2", PowerAction.ON)), hosts.poll("h1", s, Duration.ofSeconds(30)));
  }

  @Test
  void eventsOfTheHostsNodesGoToTheListenersAndOthersAreRefused() {
    NodeHosts hosts = hosts();
    String s = hosts.register("h1").session();
    List<NodeEvent> seen = new ArrayList<>();
    hosts.addListener(seen::add);
    hosts.report("h1", s, List.of(NodeEvent.of("pc1", BootState.ISUP, "FBSD-STD")), Map.of("pc1", "pc1 login: \n"));
    assertEquals(BootState.ISUP, seen.get(0).state());
    assertTrue(hosts.readConsole("pc1", 0).text().contains("pc1 login:"));
    assertThrows(IllegalArgumentException.class,
        () -> hosts.report("h1", s, List.of(NodeEvent.of("pc3", BootState.ISUP, "x")), Map.of()));
    assertEquals(1, seen.size());
  }

  @Test
  void aSecondRegistrationEndsTheFirstSession() throws Exception {
    NodeHosts hosts = hosts();
    String first = hosts.register("h1").session();
    hosts.register("h1");
    NodeHosts.SessionEnded e = assertThrows(NodeHosts.SessionEnded.class, () -> hosts.poll("h1", first, Duration.ZERO));
    assertTrue(e.superseded());
    NodeHosts.SessionEnded unknown = assertThrows(NodeHosts.SessionEnded.class,
        () -> hosts.poll("h2", "0".repeat(32), Duration.ZERO));
    assertEquals(false, unknown.superseded());
  }

  @Test
  void aHostThatComesBackIsToldWhatEachNodeShouldBeDoing() throws Exception {
    NodeHosts hosts = hosts();
    String s = hosts.register("h1").session();
    hosts.setNextBoot("pc1", LOAD);
    hosts.power("pc1", PowerAction.CYCLE);
    hosts.setNextBoot("pc2", LOAD);
    hosts.power("pc2", PowerAction.CYCLE);
    hosts.poll("h1", s, Duration.ZERO);
    // pc1 loaded and boots its disk; pc2's load failed and the control plane powered it off.
    hosts.report("h1", s, List.of(NodeEvent.of("pc1", BootState.RELOADDONE, LOAD.image())), Map.of());
    hosts.power("pc2", PowerAction.OFF);
    hosts.power("pc1", PowerAction.ON);
    String back = hosts.register("h1").session();
    assertEquals(List.of(new HostCommand.NextBoot("pc1", new BootTarget.Disk(null)),
        new HostCommand.Power("pc1", PowerAction.ON)), hosts.poll("h1", back, Duration.ZERO),
        "commands queued for the old session are dropped; a node given up on stays off");
  }

  @Test
  void aNodeWhoseBootFailedIsNotPoweredOnAgain() throws Exception {
    NodeHosts hosts = hosts();
    String s = hosts.register("h1").session();
    hosts.setNextBoot("pc1", new BootTarget.Disk(null));
    hosts.power("pc1", PowerAction.CYCLE);
    hosts.report("h1", s, List.of(NodeEvent.of("pc1", BootState.TBFAILED, "setup failed")), Map.of());
    String back = hosts.register("h1").session();
    assertEquals(List.of(), hosts.poll("h1", back, Duration.ZERO));
  }
}
