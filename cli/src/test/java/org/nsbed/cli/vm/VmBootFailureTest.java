package org.nsbed.cli.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.CommandRun;

/** A VM whose image does not boot fails like a real machine: its console says why. */
class VmBootFailureTest {
  @TempDir Path dir;
  private VmHome vm;

  @AfterEach
  void stopMachines() throws Exception {
    if (vm != null) {
      vm.close();
    }
  }

  @Test
  void aNonfatalNodeWhoseKernelPanicsIsFailedWithTheConsoleReasonAndTheExperimentGoesActive() throws Exception {
    vm = new VmHome(dir, 1);
    CommandRun start = vm.nsbed("startexp", "-i", "-w", "-p", "testbed", "-e", "broken",
        vm.ns("broken.ns", "set n [$ns node]", "tb-set-hardware $n vm1", "tb-set-node-os $n BROKEN-BOOT",
            "tb-set-node-failure-action $n nonfatal").toString());
    JsonNode info = vm.expinfo("broken");
    assertEquals("active", info.get("state").asText(), start.out() + start.err());
    JsonNode node = info.get("nodes").get(0);
    assertEquals("failed", node.get("status").asText(), node.toString());
    assertTrue(node.get("reason").asText().contains("Kernel panic - not syncing"), node.toString());
    assertTrue(vm.console(node.get("physical").asText()).contains("Kernel panic - not syncing: VFS: Unable to mount root fs"),
        vm.console(node.get("physical").asText()));
  }

  @Test
  void aFatalNodeWhoseKernelPanicsIsRetriedOnTheSpareNeverOnTheFailedOne() throws Exception {
    vm = new VmHome(dir, 2);
    CommandRun start = vm.nsbed("startexp", "-i", "-w", "-p", "testbed", "-e", "fatal",
        vm.ns("fatal.ns", "set n [$ns node]", "tb-set-hardware $n vm1", "tb-set-node-os $n BROKEN-BOOT").toString());
    assertEquals(3, start.exit(), "the image panics on every node: " + start.out() + start.err());
    Matcher attempt = Pattern.compile("attempt (\\d): n \\((vm\\d)\\): boot failed \\(TBFAILED\\): Kernel panic")
        .matcher(start.out());
    assertTrue(attempt.find(), start.out());
    String first = attempt.group(2);
    assertTrue(attempt.find(), "a second attempt: " + start.out());
    assertNotEquals(first, attempt.group(2), "the retry runs on the spare, not on the node that failed");
  }
}
