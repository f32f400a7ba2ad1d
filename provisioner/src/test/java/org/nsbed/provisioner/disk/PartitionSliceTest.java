package org.nsbed.provisioner.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.provisioner.disk.StandInDisk.Os;
import org.nsbed.provisioner.disk.StandInDisk.Spec;

class PartitionSliceTest {

  @Test
  void sliceHoldsExactlyThePartitionsBytesAndGoesAwayOnClose(@TempDir Path dir) throws Exception {
    Path disk = dir.resolve("combo.img");
    DiskLabel label = StandInDisk.write(disk, new Spec("COMBO", List.of("pc850"),
        Map.of(1, new Os("FBSD-STD", "FreeBSD", "4.7"), 2, new Os("RHL-STD", "Linux", "7.3")), 2,
        StandInDisk.DEFAULT_SIZE_BYTES));
    DiskLabel.Partition p2 = label.partition(2).orElseThrow();
    byte[] all = Files.readAllBytes(disk);
    byte[] expected = Arrays.copyOfRange(all, (int) (p2.startSector() * DiskLabel.SECTOR),
        (int) ((p2.startSector() + p2.sectors()) * DiskLabel.SECTOR));
    Path file;
    try (PartitionSlice slice = PartitionSlice.cut(disk, p2, dir, "combo")) {
      file = slice.file();
      assertTrue(file.getFileName().toString().startsWith(".combo"));
      assertArrayEquals(expected, Files.readAllBytes(file));
    }
    assertFalse(Files.exists(file));
  }

  @Test
  void partitionBeyondTheEndOfTheDiskFailsAndLeavesNothing(@TempDir Path dir) throws Exception {
    Path disk = dir.resolve("short.img");
    Files.write(disk, new byte[4 * DiskLabel.SECTOR]);
    DiskLabel.Partition past = new DiskLabel.Partition(1, true, DiskLabel.TYPE_LINUX, 2, 8, Optional.empty());
    IOException e = assertThrows(IOException.class, () -> PartitionSlice.cut(disk, past, dir, "short"));
    assertTrue(e.getMessage().contains("ends before partition 1"), e.getMessage());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(disk), files.toList());
    }
  }
}
