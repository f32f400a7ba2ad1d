package org.nsbed.scheduler.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.provisioner.catalog.ImageDescriptors;
import org.nsbed.provisioner.catalog.NewImage;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.experiment.lifecycle.NodeStatus;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.scheduler.swap.SiteFixture;

/**
 * The custom OS image workflow (docs/lifecycle.md, "The custom-image workflow of the user
 * documentation") on the simulated testbed: swap in one node with a standard OS, customise it,
 * create an image from it into a new descriptor, swap in a second experiment with the new OSID, and
 * load a node back with the default image.
 */
class SeedWorkflowTest {
  static final String TESTBED = """
      projects: [emulab-ops, testbed, otherproj]
      users:
        - {name: alice, projects: {testbed: leader}}
        - {name: bob, projects: {otherproj: user}}
      nodeTypes:
        - {name: pc850, class: pc, defaultOs: FBSD-STD, biosWaitSeconds: 60}
        - {name: bpc2133, class: bpc, defaultOs: FBSD-STD, biosWaitSeconds: 60, remote: true}
      nodes:
        - {names: "pc[1-3]", type: pc850}
        - {name: bpc181, type: bpc2133}
      osids:
        - {name: FBSD-STD, project: emulab-ops, os: FreeBSD, version: "10.3", shared: true, rebootWaitSeconds: 120}
        - {name: Ubuntu-STD, project: emulab-ops, os: Linux, version: "16.04", shared: true, rebootWaitSeconds: 120}
      images:
        - {name: FBSD-STD, project: emulab-ops, global: true, loadPartition: 0, partitions: {1: FBSD-STD},
           nodeTypes: [pc850, bpc2133]}
        - {name: Ubuntu-STD, project: emulab-ops, global: true, loadPartition: 0, partitions: {1: Ubuntu-STD},
           nodeTypes: [pc850, bpc2133]}
      simulation: {timeScale: 0.01}
      """;

  @TempDir Path home;
  private SiteFixture site;
  private NodeOperations nodes;

  @BeforeEach
  void start() throws Exception {
    site = SiteFixture.start(home, TESTBED);
    nodes = new NodeOperations(site.engine());
  }

  @AfterEach
  void close() throws Exception {
    site.close();
  }

  private Operation await(Operation op) throws InterruptedException {
    return site.engine().await(op.id(), Duration.ofMillis(50), o -> { });
  }

  private String swapIn(String eid, String os) throws Exception {
    site.create(eid, SiteFixture.ir(new String[] {"nodeA", "pc850", os, "fatal"}));
    Operation in = await(site.ops().swapIn("testbed", eid, "alice"));
    assertEquals(Operation.State.DONE, in.state(), in.message());
    return site.nodesOf(eid).get(0).physical();
  }

  private void newDescriptor(String name) {
    new ImageDescriptors(site.db(), home).create(new NewImage("testbed", name, "my customised FreeBSD", "FreeBSD",
        "10.3", List.of("pc850"), null, 0, false, false, null, null, null, null), "alice");
  }

  @Test
  void customImageRoundTrip() throws Exception {
    String first = swapIn("one", "FBSD-STD");
    // "log into the node and load all of the software packages": change the disk's contents.
    Path disk = site.nodes().disk(first);
    try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
      f.seek(3L << 20);
      f.write("installed: my-software-1.0\n".repeat(100).getBytes(StandardCharsets.US_ASCII));
    }
    byte[] customised = Files.readAllBytes(disk);

    newDescriptor("MYIMG");
    Operation created = await(nodes.createImage("alice", "testbed", "MYIMG", first));
    assertEquals(Operation.State.DONE, created.state(), created.message());
    assertEquals(0, created.failedNodes(), created.message());
    assertTrue(Files.size(home.resolve("proj/testbed/images/MYIMG.ndz")) > 0);
    assertTrue(site.mailbox("alice").contains("Subject: create_image testbed/MYIMG from " + first + " finished"));

    String second = swapIn("two", "MYIMG");
    assertNotEquals(first, second);
    ExperimentNode node = site.nodesOf("two").get(0);
    assertEquals("testbed/MYIMG", node.image());
    assertEquals(NodeStatus.UP, node.status());
    assertArrayEquals(customised, Files.readAllBytes(site.nodes().disk(second)), "the second node boots the captured bytes");

    Operation reload = await(nodes.osLoad("alice", List.of(second), null, null, null, true, true));
    assertEquals(Operation.State.DONE, reload.state(), reload.message());
    ExperimentNode reloaded = site.nodesOf("two").get(0);
    assertEquals("emulab-ops/FBSD-STD", reloaded.image());
    assertEquals(NodeStatus.UP, reloaded.status());
    assertTrue(site.nodes().readConsole(second, 0).text().contains("Image load complete: emulab-ops/FBSD-STD"));
  }

  @Test
  void osLoadOfANamedImageLooksInTheGivenProjectThenEmulabOps() throws Exception {
    String node = swapIn("named", "FBSD-STD");
    Operation load = await(nodes.osLoad("alice", List.of(node), "testbed", "Ubuntu-STD", null, true, true));
    assertEquals(Operation.State.DONE, load.state(), load.message());
    assertEquals("emulab-ops/Ubuntu-STD", site.nodesOf("named").get(0).image());
    assertTrue(site.nodes().readConsole(node, 0).text().contains("Linux version 16.04"));
  }

  @Test
  void createImageRefusesRemoteNodes() {
    LifecycleException e = assertThrows(LifecycleException.class,
        () -> nodes.createImage("alice", "testbed", "FBSD-STD", "bpc181"));
    assertTrue(e.getMessage().contains("never image from nodes whose name begins with b"), e.getMessage());
  }

  @Test
  void createImageNeedsAnExistingDescriptor() throws Exception {
    String node = swapIn("nodesc", "FBSD-STD");
    LifecycleException e = assertThrows(LifecycleException.class,
        () -> nodes.createImage("alice", "testbed", "NOPE", node));
    assertTrue(e.getMessage().startsWith("No such image descriptor NOPE in project testbed!"), e.getMessage());
  }

  @Test
  void createImageNeedsANodeOfTheCallersProject() throws Exception {
    String node = swapIn("theirs", "FBSD-STD");
    LifecycleException e = assertThrows(LifecycleException.class,
        () -> nodes.createImage("bob", "otherproj", "FBSD-STD", node));
    assertTrue(e.getMessage().contains("may not act in project testbed"), e.getMessage());
  }

  @Test
  void osLoadRefusesAFreeNode() {
    LifecycleException e = assertThrows(LifecycleException.class,
        () -> nodes.osLoad("alice", List.of("pc3"), null, null, null, true, true));
    assertEquals("Node pc3 is not reserved; reserve it first!", e.getMessage());
  }
}
