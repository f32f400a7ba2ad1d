package org.nsbed.cli.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nsbed.cli.CommandRun;
import org.nsbed.cli.Nsbed;
import org.nsbed.provisioner.recipe.ImageRecipes;

/**
 * A home whose testbed has QEMU nodes ({@code vm1}..{@code vmN}, TCG), the recipe images
 * TINY-LINUX and BROKEN-BOOT, the admin {@code tester} and {@code mallory} of another project. The images are built once into {@code target/vm-cache} and copied
 * into each home, so {@code testbed init} finds them; the kernel package is fetched once into the
 * same directory. {@link #close()} kills every machine of the home that is still running.
 */
public final class VmHome implements AutoCloseable {
  /** Where the kernel package and the built recipe images are kept between test runs. */
  public static final Path CACHE = Path.of("target", "vm-cache").toAbsolutePath();

  final Path home;

  VmHome(Path home, int nodes) throws IOException, InterruptedException {
    this.home = home;
    Path images = home.resolve("proj/emulab-ops/images");
    Files.createDirectories(images);
    synchronized (VmHome.class) {
      ImageRecipes.build("tiny-linux", "TINY-LINUX", images.resolve("TINY-LINUX.ndz"), CACHE);
      ImageRecipes.build("broken-boot", "BROKEN-BOOT", images.resolve("BROKEN-BOOT.ndz"), CACHE);
    }
    Files.writeString(home.resolve("testbed.yaml"), """
        projects: [emulab-ops, testbed, otherproj]
        users:
          - {name: tester, admin: true}
          - {name: mallory, projects: {otherproj: user}}
        nodeTypes:
          - {name: vm1, class: pc, driver: qemu, defaultOs: TINY-LINUX, biosWaitSeconds: 30,
             qemu: {memoryMiB: 160, accel: tcg, diskMiB: 64}}
        nodes:
          - {names: "vm[1-%d]", type: vm1}
        osids:
          - {name: TINY-LINUX, project: emulab-ops, os: Linux, version: "6.1", shared: true,
             features: [ping, isup], rebootWaitSeconds: 150}
          - {name: BROKEN-BOOT, project: emulab-ops, os: Linux, version: "6.1", shared: true, rebootWaitSeconds: 150}
        images:
          - {name: TINY-LINUX, project: emulab-ops, global: true, loadPartition: 0, partitions: {1: TINY-LINUX},
             nodeTypes: [vm1], recipe: tiny-linux}
          - {name: BROKEN-BOOT, project: emulab-ops, global: true, loadPartition: 0, partitions: {1: BROKEN-BOOT},
             nodeTypes: [vm1], recipe: broken-boot}
        """.formatted(nodes), StandardCharsets.UTF_8);
  }

  CommandRun nsbed(String... args) {
    return as("tester", args);
  }

  /** A command of another user ({@code mallory} is only in {@code otherproj}). */
  CommandRun as(String user, String... args) {
    return CommandRun.nsbed(List.of("--home", home.toString(), "--user", user), args);
  }

  /**
   * Starts {@code nsbed server} on this home (a free port of 127.0.0.1); while it runs, commands
   * on the home go through it. Its standard error goes to {@code <home>/server.err}.
   */
  Process server() throws IOException {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Nsbed.class.getName(), "--home", home.toString(), "--user", "tester",
        "server", "--port", "0", "--name", "vm").redirectError(home.resolve("server.err").toFile()).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    if (first == null || !first.startsWith("nsbed server vm listening on http://127.0.0.1:")) {
      p.destroyForcibly();
      throw new AssertionError("server did not start: " + first + "\n" + Files.readString(home.resolve("server.err")));
    }
    Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "vm-server-stdout");
    drain.setDaemon(true);
    drain.start();
    return p;
  }

  Path ns(String name, String... lines) throws IOException {
    Path file = home.resolve(name);
    Files.writeString(file, "source tb_compat.tcl\nset ns [new Simulator]\n" + String.join("\n", lines) + "\n$ns run\n");
    return file;
  }

  JsonNode expinfo(String eid) throws IOException {
    CommandRun r = nsbed("--json", "expinfo", "-e", "testbed," + eid);
    assertEquals(0, r.exit(), r.err());
    return new ObjectMapper().readTree(r.out());
  }

  /** The physical node of a virtual node of an experiment. */
  String physical(String eid, String vname) throws IOException {
    for (JsonNode n : expinfo(eid).get("nodes")) {
      if (n.get("name").asText().equals(vname)) {
        return n.get("physical").asText();
      }
    }
    throw new AssertionError("no node " + vname + " in " + eid);
  }

  /** The QEMU processes running for this home's nodes, found by their command lines. */
  List<ProcessHandle> machines() {
    String marker = home.resolve("vms").toString();
    List<ProcessHandle> out = new ArrayList<>();
    ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains("qemu-system")
        && c.contains(marker)).orElse(false)).forEach(out::add);
    return out;
  }

  /** True if a QEMU process runs for {@code node}. */
  boolean running(String node) {
    String marker = home.resolve("vms").resolve(node).resolve("qmp.sock").toString();
    return machines().stream().anyMatch(p -> p.info().commandLine().orElse("").contains(marker));
  }

  String console(String node) throws IOException {
    Path log = home.resolve("consoles").resolve(node + ".log");
    return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
  }

  @Override
  public void close() throws InterruptedException {
    for (ProcessHandle p : machines()) {
      p.destroyForcibly();
      p.onExit().orTimeout(30, TimeUnit.SECONDS);
    }
    Thread.sleep(200);
  }
}
