package org.nsbed.cli.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.CommandRun;
import org.nsbed.cli.Nsbed;

/** nsbed killed while its VMs boot: no machine is left running for a node nobody holds. */
class VmKillTest {
  @TempDir Path dir;
  private VmHome vm;

  @AfterEach
  void stopMachines() throws Exception {
    vm.close();
  }

  @Test
  void aSwapInKilledWhileItsMachinesBootIsResumedAndEveryRunningMachineBelongsToAReservedNode() throws Exception {
    vm = new VmHome(dir, 3);
    Path ns = vm.ns("two.ns", "set a [$ns node]", "set b [$ns node]", "tb-set-hardware $a vm1",
        "tb-set-hardware $b vm1", "tb-set-node-os $a TINY-LINUX", "tb-set-node-os $b TINY-LINUX");
    assertEquals(0, vm.nsbed("node", "list").exit());
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Nsbed.class.getName(), "--home", vm.home.toString(),
        "--user", "tester", "startexp", "-i", "-w", "-p", "testbed", "-e", "killed", ns.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (vm.machines().isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(!vm.machines().isEmpty(), "a machine was started before the kill");
    } finally {
      p.destroyForcibly();
      p.waitFor(1, TimeUnit.MINUTES);
    }

    CommandRun info = vm.nsbed("--json", "expinfo", "-e", "testbed,killed");
    assertEquals(0, info.exit(), info.err());
    assertEquals("active", new ObjectMapper().readTree(info.out()).get("state").asText(), info.out());
    CommandRun nodes = vm.nsbed("--json", "node", "list");
    Set<String> reserved = new HashSet<>();
    for (JsonNode n : new ObjectMapper().readTree(nodes.out())) {
      if (n.get("state").asText().equals("reserved")) {
        reserved.add(n.get("name").asText());
      }
    }
    assertEquals(2, reserved.size(), nodes.out());
    for (String node : new String[] {"vm1", "vm2", "vm3"}) {
      if (vm.running(node)) {
        assertTrue(reserved.contains(node), node + " runs but is not reserved: " + nodes.out());
      }
    }
  }
}
