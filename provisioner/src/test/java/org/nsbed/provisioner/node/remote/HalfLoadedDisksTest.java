package org.nsbed.provisioner.node.remote;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.provisioner.node.NodeDrivers;
import org.nsbed.provisioner.node.NodeFaults;
import org.nsbed.provisioner.testbed.TestbedFile;

/** A node host whose agent stopped mid-load erases the half-written disks when it starts again, whatever the driver. */
class HalfLoadedDisksTest {
  @TempDir Path home;

  private static HostedNode node(String name, String driver) {
    return new HostedNode(name, "t", driver, 60, TestbedFile.Qemu.DEFAULTS, NodeFaults.NONE);
  }

  @Test
  void theHostsDriversEraseEveryHalfLoadedDiskOfASimulatedNodeOrAVirtualMachine() throws Exception {
    Path disks = Files.createDirectories(home.resolve("disks"));
    for (String n : List.of("pc1", "vm1", "vm2")) {
      Files.write(disks.resolve(n + ".img"), new byte[512]);
    }
    Files.writeString(disks.resolve("pc1.img.loading"), "emulab-ops/FBSD-STD\n");
    Files.writeString(disks.resolve("vm1.img.loading"), "emulab-ops/TINY-LINUX\n");
    NodeDrivers drivers = NodeDrivers.forHost(home, List.of(node("pc1", TestbedFile.SIMULATED),
        node("vm1", TestbedFile.QEMU), node("vm2", TestbedFile.QEMU)), 0.02);
    try {
      assertFalse(Files.exists(disks.resolve("pc1.img")), "the simulated node's half-loaded disk is erased");
      assertFalse(Files.exists(disks.resolve("vm1.img")), "the machine's half-loaded disk is erased");
      assertFalse(Files.exists(disks.resolve("vm1.img.loading")));
      assertTrue(Files.exists(disks.resolve("vm2.img")), "a disk whose load finished stays");
      assertTrue(drivers.readConsole("vm1", 0).text().contains("half-loaded and has been erased"));
    } finally {
      drivers.close();
    }
  }
}
