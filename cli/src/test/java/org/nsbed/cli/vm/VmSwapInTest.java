package org.nsbed.cli.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.CommandRun;

/** A VM node swapped in: loaded by multicast, booted by QEMU through its BIOS, up on its serial console. */
class VmSwapInTest {
  @TempDir Path dir;
  private VmHome vm;

  @BeforeEach
  void home() throws Exception {
    vm = new VmHome(dir, 1);
  }

  @AfterEach
  void stopMachines() throws Exception {
    vm.close();
  }

  @Test
  void aVmNodeBootsTheLoadedImageAndKeepsRunningUntilSwapOut() throws Exception {
    CommandRun start = vm.nsbed("startexp", "-i", "-w", "-p", "testbed", "-e", "one",
        vm.ns("one.ns", "set n [$ns node]", "tb-set-hardware $n vm1", "tb-set-node-os $n TINY-LINUX").toString());
    assertEquals(0, start.exit(), start.out() + start.err());
    JsonNode node = vm.expinfo("one").get("nodes").get(0);
    assertEquals("up", node.get("status").asText(), node.toString());
    String physical = node.get("physical").asText();
    String console = vm.console(physical);
    assertTrue(console.contains("SeaBIOS"), "the BIOS shows on the serial console: " + console);
    assertTrue(console.contains("Linux version 6.1"), "the distribution kernel boots: " + console);
    assertTrue(console.contains("nsbed-node up: TINY-LINUX (" + physical + ")"), console);
    assertTrue(vm.running(physical), "the machine outlives the command that started it");
    assertTrue(vm.nsbed("console", "--send", "uname -r", "--wait", "5", physical).out().contains("6.1.0-"),
        "the serial line answers");

    CommandRun other = vm.as("mallory", "console", "--send", "touch /root/intruder", "--wait", "0", physical);
    assertEquals(1, other.exit(), other.out() + other.err());
    assertTrue(other.err().contains("may not type on the console of " + physical), other.err());

    // With a server on the home, the same commands go through its API.
    Process server = vm.server();
    try {
      CommandRun through = vm.nsbed("console", "--send", "uname -r", "--wait", "5", physical);
      assertEquals(0, through.exit(), through.out() + through.err());
      assertTrue(through.out().contains("6.1.0-"), "the serial line answers through the server: " + through.out());
      CommandRun refused = vm.as("mallory", "console", "--send", "touch /root/intruder", "--wait", "0", physical);
      assertEquals(1, refused.exit(), refused.out() + refused.err());
      assertTrue(refused.err().contains("may not type on the console of " + physical), refused.err());
    } finally {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
    String listing = vm.nsbed("console", "--send", "ls /root", "--wait", "5", physical).out();
    assertFalse(listing.contains("intruder"), "a user who does not hold the node types nothing on it: " + listing);

    CommandRun out = vm.nsbed("swapexp", "-w", "-e", "testbed,one", "out");
    assertEquals(0, out.exit(), out.out() + out.err());
    assertFalse(vm.running(physical), "no machine runs for a node after swap-out and its reload");
  }
}
