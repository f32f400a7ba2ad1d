package org.nsbed.provisioner.disk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.provisioner.disk.StandInDisk.Os;
import org.nsbed.provisioner.disk.StandInDisk.Spec;

class StandInDiskTest {

  static final Os FBSD = new Os("FBSD-STD", "FreeBSD", "4.7");
  static final Os RHL = new Os("RHL-STD", "Linux", "7.3");

  @Test
  void writesARealMbrWithTheOsPartition(@TempDir Path dir) throws Exception {
    Path disk = dir.resolve("d.img");
    StandInDisk.write(disk, Spec.single("FBSD-STD", List.of("pc850"), 1, FBSD));
    byte[] bytes = Files.readAllBytes(disk);
    assertEquals(StandInDisk.DEFAULT_SIZE_BYTES, bytes.length);
    assertEquals((byte) 0x55, bytes[510]);
    assertEquals((byte) 0xAA, bytes[511]);
    assertEquals((byte) 0x80, bytes[446]);
    assertEquals((byte) 0xA5, bytes[446 + 4]);
    assertEquals(2048, (bytes[446 + 8] & 0xFF) | (bytes[446 + 9] & 0xFF) << 8);
    String boot = new String(bytes, 2048 * 512, 512, java.nio.charset.StandardCharsets.US_ASCII);
    assertTrue(boot.startsWith("NSBED-BOOT 1\nosid=FBSD-STD\nos=FreeBSD\nversion=4.7\ntypes=pc850\nimage=FBSD-STD\n\0"), boot);
  }

  @Test
  void labelReadsBackPartitionsAndBootBlocks(@TempDir Path dir) throws Exception {
    Path disk = dir.resolve("combo.img");
    StandInDisk.write(disk, new Spec("COMBO", List.of("pc600", "pc850"), Map.of(1, FBSD, 2, RHL), 2,
        StandInDisk.DEFAULT_SIZE_BYTES));
    DiskLabel label = DiskLabel.read(disk);
    assertTrue(label.hasMbr());
    assertEquals(2, label.partitions().size());
    DiskLabel.Partition p2 = label.partition(2).orElseThrow();
    assertTrue(p2.active());
    assertEquals(DiskLabel.TYPE_LINUX, p2.type());
    assertEquals(new BootBlock("RHL-STD", "Linux", "7.3", List.of("pc600", "pc850"), "COMBO"), p2.bootBlock().orElseThrow());
    assertFalse(label.partition(1).orElseThrow().active());
  }

  @Test
  void sameSpecGivesSameBytes(@TempDir Path dir) throws Exception {
    Spec spec = Spec.single("FBSD-STD", List.of("pc850"), 1, FBSD);
    StandInDisk.write(dir.resolve("a"), spec);
    StandInDisk.write(dir.resolve("b"), spec);
    assertArrayEquals(Files.readAllBytes(dir.resolve("a")), Files.readAllBytes(dir.resolve("b")));
  }

  @Test
  void payloadIsPartlyCompressible(@TempDir Path dir) throws Exception {
    Path disk = dir.resolve("d.img");
    StandInDisk.write(disk, Spec.single("FBSD-STD", List.of("pc850"), 1, FBSD));
    byte[] bytes = Files.readAllBytes(disk);
    Deflater deflater = new Deflater(1);
    deflater.setInput(bytes);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    while (!deflater.finished()) {
      out.write(buf, 0, deflater.deflate(buf));
    }
    double ratio = (double) out.size() / bytes.length;
    assertTrue(ratio > 0.05 && ratio < 0.6, "compressed to " + ratio + " of the size");
  }

  @Test
  void nodeBootsItsOsWhenTheTypeHasDrivers(@TempDir Path dir) throws Exception {
    Path disk = dir.resolve("d.img");
    DiskLabel label = StandInDisk.write(disk, Spec.single("FBSD-STD", List.of("pc850"), 1, FBSD));
    DiskLabel.Boot boot = label.boot("FBSD-STD", "pc850");
    assertTrue(boot.ok(), boot.console());
    assertEquals(1, boot.booted().orElseThrow().slot());
  }

  @Test
  void nodeOfAnotherTypePanics(@TempDir Path dir) throws Exception {
    DiskLabel label = StandInDisk.write(dir.resolve("d.img"), Spec.single("FBSD-STD", List.of("pc850"), 1, FBSD));
    DiskLabel.Boot boot = label.boot("FBSD-STD", "pc3000");
    assertFalse(boot.ok());
    assertTrue(boot.console().startsWith("Kernel panic: no driver for this hardware"), boot.console());
  }

  @Test
  void blankDiskHasNoOperatingSystem(@TempDir Path dir) throws Exception {
    Path disk = dir.resolve("blank.img");
    Files.write(disk, new byte[1 << 20]);
    DiskLabel label = DiskLabel.read(disk);
    assertFalse(label.hasMbr());
    assertEquals("Missing operating system", label.boot("FBSD-STD", "pc850").console());
  }

  @Test
  void comboDiskBootsTheRequestedOs(@TempDir Path dir) throws Exception {
    DiskLabel label = StandInDisk.write(dir.resolve("c.img"), new Spec("COMBO", List.of("pc850"),
        Map.of(1, FBSD, 2, RHL), 1, StandInDisk.DEFAULT_SIZE_BYTES));
    assertEquals(2, label.boot("RHL-STD", "pc850").booted().orElseThrow().slot());
    assertEquals(1, label.boot("OTHER", "pc850").booted().orElseThrow().slot());
  }
}
