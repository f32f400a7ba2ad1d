package org.nsbed.scheduler.provisioning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.loader.image.CaptureOptions;
import org.nsbed.loader.image.ImageInfo;
import org.nsbed.loader.image.Imagezip;
import org.nsbed.provisioner.disk.StandInDisk;
import org.nsbed.provisioner.experiment.lifecycle.NodeStatus;
import org.nsbed.provisioner.node.MulticastImageFetcher;
import org.nsbed.provisioner.node.NodeFaults;
import org.nsbed.provisioner.node.simulated.SimulatedNodeSpec;
import org.nsbed.provisioner.node.simulated.SimulatedNodes;
import org.nsbed.provisioner.node.simulated.SimulatedTimings;

/**
 * Loading and booting simulated nodes with the real multicast loader: sessions per image,
 * deadlines, the reload and reboot retries, and what the disks hold afterwards.
 */
class ProvisioningRunTest {
  /**
   * Simulated time per real second. The deadlines scale with it (a load 6 s, a boot 3.6 s here),
   * while the real multicast load does not: on a machine with a load average of 16 on 2 cores a
   * healthy node loaded in 0.9 s and booted in 0.2 s, so a machine twice as busy still meets them.
   */
  private static final double SCALE = 0.01;

  @TempDir Path home;
  private SimulatedNodes testbed;
  private final Map<String, List<NodeStatus>> seen = new ConcurrentHashMap<>();

  private Path fbsdDisk;
  private ImageRef fbsd;
  private ImageRef linux;

  @BeforeEach
  void images() throws Exception {
    fbsdDisk = home.resolve("src/fbsd.img");
    StandInDisk.write(fbsdDisk, StandInDisk.Spec.single("FBSD-STD", List.of("pc850", "pc3000"), 1,
        new StandInDisk.Os("FBSD-STD", "FreeBSD", "10.3")));
    fbsd = image("emulab-ops/FBSD-STD", fbsdDisk, home.resolve("proj/FBSD-STD.ndz"));
    Path linuxDisk = home.resolve("src/linux.img");
    StandInDisk.write(linuxDisk, StandInDisk.Spec.single("Ubuntu-STD", List.of("pc850"), 1,
        new StandInDisk.Os("Ubuntu-STD", "Linux", "16.04")));
    linux = image("emulab-ops/Ubuntu-STD", linuxDisk, home.resolve("proj/Ubuntu-STD.ndz"));
  }

  private static ImageRef image(String name, Path disk, Path ndz) throws Exception {
    Files.createDirectories(ndz.getParent());
    Imagezip.capture(disk, ndz, CaptureOptions.defaults());
    return new ImageRef(name, ndz, ImageInfo.read(ndz).dataBytes(), Files.size(ndz));
  }

  private void testbed(Map<String, NodeFaults> faults, String... nodes) {
    List<SimulatedNodeSpec> specs = new ArrayList<>();
    for (String n : nodes) {
      specs.add(new SimulatedNodeSpec(n, n.startsWith("pc1") && n.length() == 5 ? "pc3000" : "pc850", 60));
    }
    testbed = new SimulatedNodes(home, specs, faults, new SimulatedTimings(SCALE),
        new MulticastImageFetcher(Duration.ofSeconds(20)));
  }

  @AfterEach
  void close() {
    if (testbed != null) {
      testbed.close();
    }
  }

  private List<NodeOutcome> run(List<NodeLoad> loads) throws InterruptedException {
    ProgressSink sink = (node, status, done, total, reason) ->
        seen.computeIfAbsent(node, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(status);
    return new ProvisioningRun(testbed, new ProvisioningOptions(true, 4, "lo", 0), sink).run(loads);
  }

  private static NodeLoad load(String node, String type, ImageRef image, String osid) {
    return new NodeLoad(node, type, image, osid, 60, 120);
  }

  @Test
  void loadsEachImageOntoItsNodesAndBootsThem() throws Exception {
    testbed(Map.of(), "pc1", "pc2", "pc3", "pc101");
    List<NodeOutcome> out = run(List.of(load("pc1", "pc850", fbsd, "FBSD-STD"), load("pc2", "pc850", linux, "Ubuntu-STD"),
        load("pc3", "pc850", fbsd, "FBSD-STD"), load("pc101", "pc3000", fbsd, "FBSD-STD")));
    for (NodeOutcome o : out) {
      assertTrue(o.up(), o.node() + ": " + o.reason());
      assertTrue(o.loadMs() != null && o.bootMs() != null);
    }
    assertArrayEquals(Files.readAllBytes(fbsdDisk), Files.readAllBytes(testbed.disk("pc101")));
    assertTrue(seen.get("pc1").containsAll(List.of(NodeStatus.LOADING, NodeStatus.BOOTING, NodeStatus.UP)));
    String console = testbed.readConsole("pc2", 0).text();
    assertTrue(console.contains("frisbee: 100%"), console);
    assertTrue(console.contains("Linux version 16.04"), console);
    assertTrue(console.contains("pc2 login:"), console);
  }

  @Test
  void anOsWithoutDriversForTheTypeFailsToBootAfterOneReboot() throws Exception {
    testbed(Map.of(), "pc101");
    NodeOutcome o = run(List.of(load("pc101", "pc3000", linux, "Ubuntu-STD"))).get(0);
    assertFalse(o.up());
    assertFalse(o.loadFailed());
    assertTrue(o.reason().contains("did not come up") && o.reason().contains("also not after one reboot"), o.reason());
    String console = testbed.readConsole("pc101", 0).text();
    assertEquals(2, console.split("Kernel panic: no driver for this hardware", -1).length - 1, console);
  }

  @Test
  void aLoaderThatDiesIsRetriedOnceThenTheLoadFails() throws Exception {
    testbed(Map.of("pc2", new NodeFaults(false, false, OptionalInt.of(50), 0)), "pc1", "pc2");
    List<NodeOutcome> out = run(List.of(load("pc1", "pc850", fbsd, "FBSD-STD"), load("pc2", "pc850", fbsd, "FBSD-STD")));
    assertTrue(out.get(0).up(), out.get(0).reason());
    NodeOutcome failed = out.get(1);
    assertFalse(failed.up());
    assertTrue(failed.loadFailed());
    assertTrue(failed.reason().contains("timed out") && failed.reason().contains("after one reload retry"),
        failed.reason());
    assertEquals(NodeStatus.FAILED, seen.get("pc2").get(seen.get("pc2").size() - 1));
  }

  @Test
  void aNodeThatNeverBootsFailsAfterItsBootDeadlineAndOneReboot() throws Exception {
    testbed(Map.of("pc1", new NodeFaults(true, false, OptionalInt.empty(), 0)), "pc1");
    NodeOutcome o = run(List.of(load("pc1", "pc850", fbsd, "FBSD-STD"))).get(0);
    assertFalse(o.up());
    assertFalse(o.loadFailed());
    assertTrue(o.loadMs() != null);
  }

  @Test
  void tbfailedIsFinalWithoutARetry() throws Exception {
    testbed(Map.of("pc1", new NodeFaults(false, true, OptionalInt.empty(), 0)), "pc1");
    NodeOutcome o = run(List.of(load("pc1", "pc850", fbsd, "FBSD-STD"))).get(0);
    assertFalse(o.up());
    assertTrue(o.reason().startsWith("boot failed (TBFAILED)"), o.reason());
    String console = testbed.readConsole("pc1", 0).text();
    assertEquals(1, console.split("testbed setup failed", -1).length - 1, "no reboot after TBFAILED");
  }

  @Test
  void lossyNodesStillLoadCorrectly() throws Exception {
    testbed(Map.of("pc1", new NodeFaults(false, false, OptionalInt.empty(), 0.05)), "pc1");
    NodeOutcome o = run(List.of(load("pc1", "pc850", fbsd, "FBSD-STD"))).get(0);
    assertTrue(o.up(), o.reason());
    assertArrayEquals(Files.readAllBytes(fbsdDisk), Files.readAllBytes(testbed.disk("pc1")));
  }

  @Test
  void withOneSessionSlotTheSecondImageLoadsOnlyAfterTheFirstSessionEnded() throws Exception {
    testbed(Map.of(), "pc1", "pc2", "pc3");
    List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    ProgressSink sink = (node, status, done, total, reason) -> {
      if (status == NodeStatus.LOADING && done == 0 || status == NodeStatus.BOOTING && done > 0) {
        order.add(node + ":" + status);
      }
    };
    List<NodeOutcome> out = new ProvisioningRun(testbed, new ProvisioningOptions(true, 1, "lo", 0), sink).run(List.of(
        load("pc1", "pc850", fbsd, "FBSD-STD"), load("pc2", "pc850", fbsd, "FBSD-STD"),
        load("pc3", "pc850", linux, "Ubuntu-STD")));
    assertTrue(out.stream().allMatch(NodeOutcome::up), out.toString());
    // Either session may take the slot first; the other starts only once it has ended.
    int fbsdStarts = Math.min(order.indexOf("pc1:LOADING"), order.indexOf("pc2:LOADING"));
    int fbsdEnds = Math.max(order.indexOf("pc1:BOOTING"), order.indexOf("pc2:BOOTING"));
    int linuxStarts = order.indexOf("pc3:LOADING");
    int linuxEnds = order.indexOf("pc3:BOOTING");
    assertTrue(fbsdEnds < linuxStarts || linuxEnds < fbsdStarts, "one session at a time: " + order);
  }
}
