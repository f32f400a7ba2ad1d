package org.nsbed.provisioner.node.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.loader.image.CaptureOptions;
import org.nsbed.loader.image.ImageInfo;
import org.nsbed.loader.image.Imagezip;
import org.nsbed.provisioner.node.BootTarget;
import org.nsbed.provisioner.node.NodeEvent;
import org.nsbed.provisioner.node.NodeFaults;
import org.nsbed.provisioner.node.BootState;
import org.nsbed.provisioner.node.PowerAction;
import org.nsbed.provisioner.testbed.TestbedFile;

/**
 * The server's side of node hosts: commands in call order, sessions, what a host that comes back
 * is told, and create_image of a hosted node.
 */
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

  /** An image of a 1 MiB disk with some data on it. */
  private Path image() throws Exception {
    Path disk = home.resolve("disk.img");
    byte[] bytes = new byte[1 << 20];
    new Random(7).nextBytes(bytes);
    Files.write(disk, bytes);
    Path image = home.resolve("built.ndz");
    Imagezip.capture(disk, image, CaptureOptions.defaults());
    return image;
  }

  /** Starts a capture of {@code node} into {@code file} on another thread and returns the command the host gets. */
  private static HostCommand.Capture startCapture(NodeHosts hosts, String session, String node, Path file,
      CompletableFuture<Object> outcome) throws Exception {
    Thread t = new Thread(() -> {
      try {
        outcome.complete(hosts.captureImage(node, 0, file));
      } catch (Exception e) {
        outcome.complete(e);
      }
    });
    t.setDaemon(true);
    t.start();
    List<HostCommand> commands = hosts.poll("h1", session, Duration.ofSeconds(30));
    assertEquals(1, commands.size(), commands.toString());
    HostCommand.Capture capture = (HostCommand.Capture) commands.get(0);
    assertEquals(node, capture.node());
    return capture;
  }

  @Test
  void aCapturedImageUploadedWholeBecomesTheDescriptorsFile() throws Exception {
    NodeHosts hosts = hosts();
    String s = hosts.register("h1").session();
    Path file = home.resolve("proj/testbed/images/SNAP.ndz");
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    HostCommand.Capture capture = startCapture(hosts, s, "pc1", file, outcome);
    Path image = image();
    try (InputStream in = Files.newInputStream(image)) {
      hosts.receiveImage("h1", s, capture.capture(), in);
    }
    assertTrue(outcome.get(30, TimeUnit.SECONDS) instanceof ImageInfo, String.valueOf(outcome.get()));
    assertArrayEquals(Files.readAllBytes(image), Files.readAllBytes(file));
    assertThrows(IllegalArgumentException.class, () -> hosts.receiveImage("h1", s, capture.capture(),
        new ByteArrayInputStream(new byte[0])), "the capture is over: no second upload");
  }

  @Test
  void anUploadThatBreaksOffFailsTheCaptureAndLeavesNoFile() throws Exception {
    NodeHosts hosts = hosts();
    String s = hosts.register("h1").session();
    Path file = home.resolve("proj/testbed/images/SNAP.ndz");
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    HostCommand.Capture capture = startCapture(hosts, s, "pc1", file, outcome);
    byte[] bytes = Files.readAllBytes(image());
    InputStream cutOff = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("Early EOF");
      }
    };
    InputStream broken = new SequenceInputStream(new ByteArrayInputStream(bytes, 0, bytes.length / 2), cutOff);
    assertThrows(IOException.class, () -> hosts.receiveImage("h1", s, capture.capture(), broken));
    Object failed = outcome.get(30, TimeUnit.SECONDS);
    assertTrue(failed instanceof IOException e && e.getMessage().contains("upload"), String.valueOf(failed));
    try (Stream<Path> left = Files.list(file.getParent())) {
      assertEquals(List.of(), left.toList(), "neither the image nor a partial file");
    }
  }

  @Test
  void aCaptureEndsWhenTheHostFailsItOrRegistersAgain() throws Exception {
    NodeHosts hosts = hosts();
    String s = hosts.register("h1").session();
    Path file = home.resolve("SNAP.ndz");
    CompletableFuture<Object> reported = new CompletableFuture<>();
    HostCommand.Capture capture = startCapture(hosts, s, "pc1", file, reported);
    hosts.captureFailed("h1", s, capture.capture(), "node pc1 has no disk to capture");
    assertTrue(reported.get(30, TimeUnit.SECONDS) instanceof IOException e
        && e.getMessage().contains("has no disk to capture"), String.valueOf(reported.get()));

    CompletableFuture<Object> restarted = new CompletableFuture<>();
    startCapture(hosts, s, "pc2", file, restarted);
    hosts.register("h1");
    assertTrue(restarted.get(30, TimeUnit.SECONDS) instanceof IOException e
        && e.getMessage().contains("registered again"), String.valueOf(restarted.get()));
    assertFalse(Files.exists(file));
  }
}
