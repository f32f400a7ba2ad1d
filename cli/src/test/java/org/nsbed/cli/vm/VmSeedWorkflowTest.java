package org.nsbed.cli.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.CommandRun;

/**
 * The seed's custom-image workflow on real machines: customise a VM through its serial console,
 * capture it with create_image, boot the new image on two VMs from one multicast session, and
 * load one of them back with the default image.
 */
class VmSeedWorkflowTest {
  private static final String MARKER = "custom-software-4711";

  @TempDir Path dir;
  private VmHome vm;

  @BeforeEach
  void home() throws Exception {
    vm = new VmHome(dir, 3);
  }

  @AfterEach
  void stopMachines() throws Exception {
    vm.close();
  }

  private String send(String node, String text) {
    CommandRun r = vm.nsbed("console", "--send", text, "--wait", "6", node);
    assertEquals(0, r.exit(), r.out() + r.err());
    return r.out();
  }

  @Test
  void aFileWrittenOnTheConsoleSurvivesCaptureAndBootsOnTwoNewNodesUntilOsLoadReplacesIt() throws Exception {
    CommandRun base = vm.nsbed("startexp", "-i", "-w", "-p", "testbed", "-e", "base",
        vm.ns("base.ns", "set n [$ns node]", "tb-set-hardware $n vm1", "tb-set-node-os $n TINY-LINUX").toString());
    assertEquals(0, base.exit(), base.out() + base.err());
    String custom = vm.physical("base", "n");
    assertTrue(send(custom, "echo " + MARKER + " > /root/marker; sync; cat /root/marker").contains(MARKER + "\n"));

    CommandRun snapshot = vm.nsbed("image", "create", "-p", "testbed", "--name", "MYVM", "--description", "customised",
        "--os", "Linux", "--version", "6.1", "--node-types", "vm1", "--snapshot-node", custom);
    assertEquals(0, snapshot.exit(), snapshot.out() + snapshot.err());
    assertTrue(vm.console(custom).contains("[create-image: the guest shut down cleanly]"), vm.console(custom));
    assertTrue(vm.running(custom), "the node boots again after the capture");

    CommandRun second = vm.nsbed("startexp", "-i", "-w", "-p", "testbed", "-e", "custom",
        vm.ns("custom.ns", "set a [$ns node]", "set b [$ns node]", "tb-set-hardware $a vm1", "tb-set-hardware $b vm1",
            "tb-set-node-os $a MYVM", "tb-set-node-os $b MYVM").toString());
    assertEquals(0, second.exit(), second.out() + second.err());
    List<String> groups = new ArrayList<>();
    for (String v : List.of("a", "b")) {
      String node = vm.physical("custom", v);
      Matcher load = Pattern.compile("host: loading testbed/MYVM onto the disk of " + node + " from (\\S+)")
          .matcher(vm.console(node));
      assertTrue(load.find(), vm.console(node));
      groups.add(load.group(1));
      assertTrue(send(node, "cat /root/marker").contains(MARKER + "\n"), "the captured file is on " + node);
    }
    assertEquals(groups.get(0), groups.get(1), "one multicast session loads both nodes");

    String reloaded = vm.physical("custom", "a");
    CommandRun osLoad = vm.nsbed("os_load", "-w", reloaded);
    assertEquals(0, osLoad.exit(), osLoad.out() + osLoad.err());
    String answer = send(reloaded, "cat /root/marker");
    assertFalse(answer.contains(MARKER + "\n"), answer);
    assertTrue(answer.contains("No such file"), answer);
  }
}
