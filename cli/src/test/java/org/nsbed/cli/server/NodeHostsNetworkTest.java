package org.nsbed.cli.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.vm.VmHome;
import org.nsbed.loader.image.Imageunzip;
import org.nsbed.loader.lab.NetworkLab;
import org.nsbed.provisioner.recipe.ImageRecipes;

/**
 * Nodes on node hosts across real network stacks (docs/server.md, "Node hosts"): the server in one
 * network namespace, two agents ({@code nsbed agent}) in two others, all joined by a bridge; the
 * image servers and the agents' multicast clients use each namespace's {@code eth0} with TTL 1,
 * and the agents reach the server's API at its address on the bridge. Each host owns one
 * simulated node and one QEMU virtual machine (TCG, the VM tests' TINY-LINUX image). The test
 * reaches the API with curl inside the server's namespace.
 *
 * <p>The namespaces are made by the test and always removed; a machine where they cannot be made
 * fails the test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeHostsNetworkTest {
  /** Slow enough that a load can be caught half-way, fast enough for the load deadline (12 s here). */
  private static final int SLOW_LINK_MBIT = 12;

  @TempDir static Path dir;
  static NetworkLab lab;
  static Path home;
  static Path tokenFile;
  static String serverNamespace;
  static String url;
  static String alice;
  static final Map<String, Process> agents = new HashMap<>();
  static final Map<String, NetworkLab.Host> hostOf = new HashMap<>();
  static final Map<String, String> nodeHost = Map.of("pc1", "h1", "pc2", "h2", "vm1", "h1", "vm2", "h2");

  @BeforeAll
  static void startServerAndAgents() throws Exception {
    lab = NetworkLab.create(3);
    serverNamespace = lab.host(0).namespace();
    hostOf.put("h1", lab.host(1));
    hostOf.put("h2", lab.host(2));
    home = dir.resolve("boss");
    ImageRecipes.build("tiny-linux", "TINY-LINUX", home.resolve("proj/emulab-ops/images/TINY-LINUX.ndz"),
        VmHome.CACHE);
    ServerProcess.Site site = ServerProcess.Site.prepare(home, List.of(), text -> text
        .replaceFirst("(?s)\nnodes:\n.*?\nosids:\n", "\nnodes:\n  - {name: pc1, type: pc850, host: h1}\n"
            + "  - {name: pc2, type: pc850, host: h2}\n  - {name: vm1, type: vm, host: h1}\n"
            + "  - {name: vm2, type: vm, host: h2}\nosids:\n"
            + "  - {name: TINY-LINUX, project: emulab-ops, os: Linux, version: \"6.1\", shared: true,\n"
            + "     features: [ping, isup], rebootWaitSeconds: 150}\n")
        .replace("\nnodeTypes:\n", "\nnodeTypes:\n  - {name: vm, class: vm, driver: qemu, defaultOs: TINY-LINUX, "
            + "biosWaitSeconds: 30,\n     qemu: {memoryMiB: 160, accel: tcg, diskMiB: 64}}\n")
        .replace("\nimages:\n", "\nimages:\n  - {name: TINY-LINUX, project: emulab-ops, global: true, loadPartition: 0,"
            + " partitions: {1: TINY-LINUX},\n     nodeTypes: [vm], recipe: tiny-linux}\n")
        .replace("simulation: {timeScale: 0.01}", "simulation: {timeScale: 0.02}\nloader: {iface: eth0, ttl: 1}"));
    alice = site.aliceToken();
    tokenFile = dir.resolve("root.token");
    Files.writeString(tokenFile, site.rootToken());
    Path log = dir.resolve("server.log");
    lab.start(lab.host(0), nsbed(home, "server", "--bind", lab.host(0).address(), "--port", "0", "--name", "boss"), log);
    String first = awaitLine(log, "nsbed server boss listening on ", Duration.ofSeconds(120));
    url = first.substring(first.lastIndexOf(' ') + 1);
    for (String host : List.of("h1", "h2")) {
      startAgent(host);
    }
  }

  @AfterAll
  static void removeTheNetwork() {
    machines().forEach(ProcessHandle::destroyForcibly);
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  @Order(1)
  void theSeedExperimentComesUpWithOneNodeOnEachHost() throws Exception {
    JsonNode done = swapIn("seed1");
    assertEquals("done", done.path("state").asText(), done.toString());
    JsonNode info = experiment("seed1");
    assertEquals("active", info.path("state").asText(), info.toString());
    List<String> physical = new ArrayList<>();
    for (JsonNode n : info.path("nodes")) {
      assertEquals("up", n.path("status").asText(), n.toString());
      String pc = n.path("physical").asText();
      physical.add(pc);
      assertArrayEquals(unpacked(n.path("image").asText()), Files.readAllBytes(disk(pc)),
          "the disk of " + pc + " on host " + nodeHost.get(pc) + " holds the image " + n.path("image").asText());
      Answer console = api(alice, "GET", "/api/v1/nodes/" + pc + "/console", null);
      assertEquals(200, console.status(), console.body());
      assertTrue(console.json().path("text").asText().contains(pc + " login:"),
          "the host's console output reaches the server: " + console.body());
    }
    assertEquals(List.of("pc1", "pc2"), physical.stream().sorted().toList(), "one node on each host");
  }

  @Test
  @Order(2)
  void createImageOfAHostedNodeWritesItsDiskIntoTheImageOnTheServer() throws Exception {
    String pc = node(experiment("seed1"), "nodeA").path("physical").asText();
    JsonNode done = createImage("HOSTED-A", pc);
    assertEquals("done", done.path("state").asText(), done.toString());
    Path image = home.resolve("proj/testbed/images/HOSTED-A.ndz");
    Path unpacked = dir.resolve("HOSTED-A.img");
    Imageunzip.unpack(image, unpacked);
    assertArrayEquals(Files.readAllBytes(disk(pc)), Files.readAllBytes(unpacked),
        "the image holds the disk of " + pc + " on host " + nodeHost.get(pc));
    JsonNode descriptor = descriptor("HOSTED-A");
    assertTrue(descriptor.path("fileExists").asBoolean(), descriptor.toString());
    assertEquals(Files.size(image), descriptor.path("sizeBytes").asLong(), descriptor.toString());
    assertEquals("up", node(experiment("seed1"), "nodeA").path("status").asText(), "the node boots its disk again");
  }

  @Test
  @Order(3)
  void anUploadCutOffByTheHostsDeathLeavesNoImageFile() throws Exception {
    String pc = node(experiment("seed1"), "nodeB").path("physical").asText();
    String host = nodeHost.get(pc);
    Path images = home.resolve("proj/testbed/images");
    lab.setRate(hostOf.get(host), 1);
    try {
      String op = startCreateImage("HOSTED-B", pc);
      Instant end = Instant.now().plusSeconds(120);
      while (partialImages(images).isEmpty()) {
        assertTrue(Instant.now().isBefore(end), "the upload of the image of " + pc + " did not start within 120 s");
        Thread.sleep(5);
      }
      kill(host);
      JsonNode done = awaitOperation(op, 120);
      assertEquals("failed", done.path("state").asText(), done.toString());
      assertTrue(done.path("message").asText().contains("upload"), "the upload broke off: " + done);
    } finally {
      lab.setRate(hostOf.get(host), 10_000);
    }
    assertEquals(List.of(), partialImages(images), "no partial image file is left");
    assertFalse(Files.exists(images.resolve("HOSTED-B.ndz")), "no image file");
    JsonNode descriptor = descriptor("HOSTED-B");
    assertFalse(descriptor.path("fileExists").asBoolean(), descriptor.toString());
    assertTrue(descriptor.path("sha256").isNull(), "the descriptor records no image: " + descriptor);

    startAgent(host);
    swapOut("seed1");
  }

  @Test
  @Order(4)
  void oneMulticastSessionLoadsAnImageOntoTheNodesOfBothHosts() throws Exception {
    Map<String, Long> consoleStart = new HashMap<>();
    for (String pc : List.of("pc1", "pc2")) {
      consoleStart.put(pc, Files.size(console(pc)));
    }
    JsonNode done = swapIn("samefbsd", seed().replace("$nodeB Ubuntu-STD", "$nodeB FBSD-STD"));
    assertEquals("done", done.path("state").asText(), done.toString());
    JsonNode info = experiment("samefbsd");
    assertTrue(info.path("log").toString().contains("loading 2 node(s): 2 with emulab-ops/FBSD-STD"), info.toString());
    List<String> groups = new ArrayList<>();
    for (JsonNode n : info.path("nodes")) {
      assertEquals("up", n.path("status").asText(), n.toString());
      String pc = n.path("physical").asText();
      assertArrayEquals(unpacked("emulab-ops/FBSD-STD"), Files.readAllBytes(disk(pc)));
      String text = Files.readString(console(pc)).substring(consoleStart.get(pc).intValue());
      java.util.regex.Matcher joined = java.util.regex.Pattern.compile("frisbee: joining (\\S+) on eth0").matcher(text);
      assertTrue(joined.find(), text);
      groups.add(joined.group(1));
    }
    assertEquals(2, groups.size());
    assertEquals(groups.get(0), groups.get(1), "both hosts joined the same multicast session");
    swapOut("samefbsd");
  }

  @Test
  @Order(5)
  void theVirtualMachinesOfBothHostsBootTheirLoadedDisksAndStopAtSwapOut() throws Exception {
    JsonNode done = swapIn("vms", """
        source tb_compat.tcl
        set ns [new Simulator]
        set vmA [$ns node]
        set vmB [$ns node]
        tb-set-hardware $vmA vm
        tb-set-hardware $vmB vm
        tb-set-node-os $vmA TINY-LINUX
        tb-set-node-os $vmB TINY-LINUX
        $ns run
        """);
    assertEquals("done", done.path("state").asText(), done.toString());
    List<String> physical = new ArrayList<>();
    for (JsonNode n : experiment("vms").path("nodes")) {
      assertEquals("up", n.path("status").asText(), n.toString());
      String vm = n.path("physical").asText();
      physical.add(vm);
      String console = api(alice, "GET", "/api/v1/nodes/" + vm + "/console", null).json().path("text").asText();
      assertTrue(console.matches("(?s).*host: loading emulab-ops/TINY-LINUX onto the disk of " + vm
          + " from [0-9.]+:[0-9]+ on eth0.*"), "the host loaded the disk by multicast on eth0: " + console);
      assertTrue(console.contains("Linux version 6.1"), "the kernel boots: " + console);
      assertTrue(console.contains("nsbed-node up: TINY-LINUX (" + vm + ")"), console);
      assertTrue(machines().stream().anyMatch(p -> p.info().commandLine().orElse("")
          .contains(agentHome(nodeHost.get(vm)).resolve("vms/" + vm + "/qmp.sock").toString())),
          "the machine of " + vm + " runs on host " + nodeHost.get(vm));
    }
    assertEquals(List.of("vm1", "vm2"), physical.stream().sorted().toList(), "one machine on each host");

    Answer typed = api(alice, "POST", "/api/v1/nodes/vm2/console", "{\"text\": \"uname -r\"}");
    assertEquals(200, typed.status(), typed.body());
    long offset = typed.json().path("offset").asLong();
    Instant end = Instant.now().plusSeconds(60);
    String answer = "";
    while (!answer.contains("6.1.0-") && Instant.now().isBefore(end)) {
      Thread.sleep(200);
      answer = api(alice, "GET", "/api/v1/nodes/vm2/console?offset=" + offset, null).json().path("text").asText();
    }
    assertTrue(answer.contains("6.1.0-"), "the serial line of a hosted machine answers through the server: " + answer);

    swapOut("vms");
    // The reload's last step, powering the freed nodes off, reaches the hosts as commands.
    Instant stopped = Instant.now().plusSeconds(60);
    while (!machines().isEmpty() && Instant.now().isBefore(stopped)) {
      Thread.sleep(200);
    }
    assertEquals(List.of(), machines().stream().map(p -> p.info().commandLine().orElse("")).toList(),
        "no machine runs after swap-out and the reload");
  }

  @Test
  @Order(6)
  void aHostKilledWhileItsNonfatalNodeBootsFailsThatNodeByDeadlineAndTheExperimentGoesActive() throws Exception {
    String eid = "seed2";
    // The seed's nodeB is nonfatal. A disk-load failure counts as fatal whatever the node's
    // failure action (docs/lifecycle.md), so its host dies after the load, while the OS boots.
    String victim = killWhen(eid, seed(), "nodeB", text -> text.contains("Booting from local disk")
        && !text.contains("login:"), false);
    JsonNode done = awaitOperation(operation, 180);
    assertEquals("done", done.path("state").asText(), "a nonfatal node's failure does not fail the swap-in: " + done);
    JsonNode info = experiment(eid);
    assertEquals("active", info.path("state").asText(), info.toString());
    assertEquals("up", node(info, "nodeA").path("status").asText(), info.toString());
    JsonNode nodeB = node(info, "nodeB");
    assertEquals("failed", nodeB.path("status").asText(), info.toString());
    assertTrue(nodeB.path("reason").asText().contains("did not come up within"), "failed by the boot deadline: " + nodeB);

    // The host comes back: the control plane gave up on the node and powered it off, so it stays off.
    String host = nodeHost.get(victim);
    long before = Files.size(console(victim));
    startAgent(host);
    Thread.sleep(3000);
    assertEquals("failed", node(experiment(eid), "nodeB").path("status").asText(), "the node is not marked up");
    String after = Files.readString(console(victim)).substring((int) before);
    assertFalse(after.contains("[power on"), "nothing powers the failed node on again: " + after);

    // The swap-out's reload of both nodes with their default image frees them.
    swapOut(eid);
    JsonNode nodes = api(alice, "GET", "/api/v1/nodes", null).json();
    for (JsonNode n : nodes) {
      assertEquals("free", n.path("state").asText(), nodes.toString());
    }
  }

  @Test
  @Order(7)
  void aHostKilledMidLoadFailsTheSwapInLeavesNoNodeReservedAndErasesTheHalfLoadedDiskWhenItComesBack()
      throws Exception {
    String eid = "seed3";
    String victim = killWhen(eid, seed(), "nodeA", text -> text.matches("(?s).*frisbee: +[0-9]+%.*")
        && !text.contains("Image load complete"), true);
    assertTrue(Files.exists(disk(victim).resolveSibling(victim + ".img.loading")),
        "the host died while it wrote the disk of " + victim);
    JsonNode done = awaitOperation(operation, 240);
    assertEquals("failed", done.path("state").asText(), "a disk-load failure fails the swap-in: " + done);
    assertTrue(done.path("message").asText().contains("timed out"), "failed by the load deadline: " + done);
    JsonNode info = experiment(eid);
    assertEquals("swapped", info.path("state").asText(), info.toString());
    awaitReloads(240);
    JsonNode nodes = api(alice, "GET", "/api/v1/nodes", null).json();
    for (JsonNode n : nodes) {
      assertNotEquals("reserved", n.path("state").asText(), "no node is left reserved: " + nodes);
    }

    // The host comes back: the half-written disk is erased and the node stays out of service.
    startAgent(nodeHost.get(victim));
    assertFalse(Files.exists(disk(victim)), "the half-loaded disk was erased when the host came back");
    assertTrue(Files.readString(console(victim)).contains("half-loaded and has been erased"));
    Thread.sleep(2000);
    for (JsonNode n : api(alice, "GET", "/api/v1/nodes", null).json()) {
      if (n.path("name").asText().equals(victim)) {
        assertEquals("down", n.path("state").asText(), "its reload failed while the host was away: " + n);
      }
    }
  }

  // --- the steps -------------------------------------------------------------------------------

  private static String operation;

  /**
   * Starts an experiment from {@code nsFile} (with both hosts' links slowed down if
   * {@code slowLinks}), waits until the console of {@code vnode}'s physical node since the start
   * satisfies {@code when}, and kills that node's host.
   *
   * @return the physical node
   */
  private static String killWhen(String eid, String nsFile, String vnode, java.util.function.Predicate<String> when,
      boolean slowLinks) throws Exception {
    if (slowLinks) {
      for (NetworkLab.Host h : hostOf.values()) {
        lab.setRate(h, SLOW_LINK_MBIT);
      }
    }
    try {
      Map<String, Long> consoleStart = new HashMap<>();
      for (String pc : nodeHost.keySet()) {
        consoleStart.put(pc, Files.exists(console(pc)) ? Files.size(console(pc)) : 0);
      }
      Answer start = api(alice, "POST", "/api/v1/experiments", ServerProcess.JSON.writeValueAsString(Map.of(
          "pid", "testbed", "eid", eid, "nsFile", nsFile, "swapIn", true)));
      assertEquals(201, start.status(), start.body());
      operation = start.json().path("operation").asText();
      Instant end = Instant.now().plusSeconds(120);
      String pc = "";
      while (!nodeHost.containsKey(pc)) {
        assertTrue(Instant.now().isBefore(end), vnode + " was not mapped within 120 s");
        for (JsonNode n : experiment(eid).path("nodes")) {
          if (n.path("name").asText().equals(vnode)) {
            pc = n.path("physical").asText("");
          }
        }
        Thread.sleep(50);
      }
      while (Instant.now().isBefore(end)) {
        String text = Files.exists(console(pc))
            ? Files.readString(console(pc)).substring(consoleStart.get(pc).intValue()) : "";
        if (when.test(text)) {
          kill(nodeHost.get(pc));
          return pc;
        }
        assertFalse(text.contains("login:"), "the moment to kill the host of " + pc + " was missed: " + text);
        Thread.sleep(5);
      }
      throw new AssertionError("the moment to kill the host of " + vnode + " did not come within 120 s");
    } finally {
      if (slowLinks) {
        for (NetworkLab.Host h : hostOf.values()) {
          lab.setRate(h, 10_000);
        }
      }
    }
  }

  private static String startCreateImage(String name, String pc) throws Exception {
    Answer form = api(alice, "POST", "/api/v1/images", ServerProcess.JSON.writeValueAsString(Map.of(
        "project", "testbed", "name", name, "description", "a disk of a hosted node", "os", "FreeBSD",
        "version", "10.3", "nodeTypes", List.of("pc850"))));
    assertEquals(201, form.status(), form.body());
    Answer capture = api(alice, "POST", "/api/v1/images/testbed/" + name + "/capture",
        ServerProcess.JSON.writeValueAsString(Map.of("node", pc)));
    assertEquals(202, capture.status(), capture.body());
    return capture.json().path("operation").asText();
  }

  private static JsonNode createImage(String name, String pc) throws Exception {
    return awaitOperation(startCreateImage(name, pc), 180);
  }

  private static JsonNode descriptor(String name) throws Exception {
    for (JsonNode i : api(alice, "GET", "/api/v1/images", null).json()) {
      if (i.path("name").asText().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no image descriptor " + name);
  }

  /** The partial files ({@code .NAME.ndz...part}) of images being written in {@code images}. */
  private static List<Path> partialImages(Path images) throws IOException {
    try (var files = Files.list(images)) {
      return files.filter(f -> f.getFileName().toString().startsWith(".")
          && f.getFileName().toString().endsWith(".part")).toList();
    }
  }

  /** The QEMU processes of this test's hosts, found by their command lines. */
  private static List<ProcessHandle> machines() {
    String marker = dir.toString();
    return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
        .map(c -> c.contains("qemu-system") && c.contains(marker)).orElse(false)).toList();
  }

  private static JsonNode swapIn(String eid) throws Exception {
    return swapIn(eid, seed());
  }

  private static JsonNode swapIn(String eid, String nsFile) throws Exception {
    Answer start = api(alice, "POST", "/api/v1/experiments", ServerProcess.JSON.writeValueAsString(Map.of(
        "pid", "testbed", "eid", eid, "nsFile", nsFile, "swapIn", true)));
    assertEquals(201, start.status(), start.body());
    return awaitOperation(start.json().path("operation").asText(), 180);
  }

  private static void swapOut(String eid) throws Exception {
    Answer out = api(alice, "POST", "/api/v1/experiments/testbed/" + eid + "/swapout", null);
    assertEquals(202, out.status(), out.body());
    JsonNode done = awaitOperation(out.json().path("operation").asText(), 180);
    assertEquals("done", done.path("state").asText(), done.toString());
    awaitReloads(180);
  }

  /** Waits until no reload of released nodes is unfinished. */
  private static void awaitReloads(int seconds) throws Exception {
    Instant end = Instant.now().plusSeconds(seconds);
    while (Instant.now().isBefore(end)) {
      Answer a = api(alice, "GET", "/api/v1/operations?kind=reload&state=unfinished", null);
      assertEquals(200, a.status(), a.body());
      if (a.json().size() == 0) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the reloads did not finish within " + seconds + " s");
  }

  private static JsonNode awaitOperation(String id, int seconds) throws Exception {
    Instant end = Instant.now().plusSeconds(seconds);
    while (Instant.now().isBefore(end)) {
      Answer a = api(alice, "GET", "/api/v1/operations/" + id, null);
      assertEquals(200, a.status(), a.body());
      if (a.json().path("state").asText().matches("done|failed")) {
        return a.json();
      }
      Thread.sleep(300);
    }
    throw new AssertionError("operation " + id + " did not finish within " + seconds + " s");
  }

  private static JsonNode experiment(String eid) throws Exception {
    Answer a = api(alice, "GET", "/api/v1/experiments/testbed/" + eid, null);
    assertEquals(200, a.status(), a.body());
    return a.json();
  }

  private static JsonNode node(JsonNode info, String vnode) {
    for (JsonNode n : info.path("nodes")) {
      if (n.path("name").asText().equals(vnode)) {
        return n;
      }
    }
    throw new AssertionError("no node " + vnode + " in " + info);
  }

  private static String seed() throws IOException {
    return Files.readString(Path.of("../examples-ns/seed.ns"));
  }

  private static byte[] unpacked(String image) throws IOException {
    String[] pn = image.split("/", 2);
    Path out = dir.resolve("unpacked-" + pn[1] + ".img");
    if (!Files.exists(out)) {
      Imageunzip.unpack(home.resolve("proj/" + pn[0] + "/images/" + pn[1] + ".ndz"), out);
    }
    return Files.readAllBytes(out);
  }

  // --- processes in the namespaces ----------------------------------------------------------------

  private static Path agentHome(String host) {
    return dir.resolve("host-" + host);
  }

  private static Path console(String pc) {
    return agentHome(nodeHost.get(pc)).resolve("consoles/" + pc + ".log");
  }

  private static Path disk(String pc) {
    return agentHome(nodeHost.get(pc)).resolve("disks/" + pc + ".img");
  }

  private static void startAgent(String host) throws Exception {
    Path log = dir.resolve("agent-" + host + "-" + System.nanoTime() + ".log");
    List<String> command = nsbed(agentHome(host), "--server", url, "--token-file", tokenFile.toString(), "agent",
        "--name", host);
    agents.put(host, lab.start(hostOf.get(host), command, log));
    awaitLine(log, "nsbed agent " + host + " runs ", Duration.ofSeconds(120));
  }

  /** Kills the host's agent at once (SIGKILL), as a machine that loses power. */
  private static void kill(String host) throws InterruptedException {
    Process p = agents.remove(host);
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
  }

  private static List<String> nsbed(Path home, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Nsbed.class.getName(), "--home", home.toString(),
        "--user", "root"));
    command.addAll(List.of(args));
    return command;
  }

  private static String awaitLine(Path log, String prefix, Duration limit) throws Exception {
    Instant end = Instant.now().plus(limit);
    while (Instant.now().isBefore(end)) {
      if (Files.exists(log)) {
        for (String line : Files.readAllLines(log)) {
          if (line.startsWith(prefix)) {
            return line;
          }
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no line '" + prefix + "...' within " + limit + ": "
        + (Files.exists(log) ? Files.readString(log) : "(no output)"));
  }

  record Answer(int status, String body) {
    JsonNode json() throws IOException {
      return ServerProcess.JSON.readTree(body);
    }
  }

  /** One API call, made with curl inside the server's namespace. */
  private static Answer api(String token, String method, String path, String body) throws Exception {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", serverNamespace, "curl", "-sS", "-m", "60",
        "-X", method, "-H", "Authorization: Bearer " + token, "-H", "Content-Type: application/json",
        "-w", "\n%{http_code}"));
    if (body != null) {
      command.addAll(List.of("--data-binary", "@-"));
    }
    command.add(url + path);
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream in = p.getOutputStream()) {
      if (body != null) {
        in.write(body.getBytes(StandardCharsets.UTF_8));
      }
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "curl " + path);
    int cut = out.lastIndexOf('\n');
    return new Answer(Integer.parseInt(out.substring(cut + 1).strip()), out.substring(0, Math.max(cut, 0)));
  }
}
