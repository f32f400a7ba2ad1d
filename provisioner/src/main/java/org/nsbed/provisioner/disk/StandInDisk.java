package org.nsbed.provisioner.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a simulated disk (notes: disk-format): a real MBR, and in every partition that holds an
 * OS a boot block followed by a filesystem-like payload. The payload mixes compressible text
 * generated from the OSID's name, incompressible blocks and zero runs, so that capturing and
 * loading it gives the image tools realistic work. The same arguments always give the same bytes.
 */
public final class StandInDisk {

  /** Default disk size: 8 MiB. */
  public static final long DEFAULT_SIZE_BYTES = 8L << 20;

  /** Partition 1 starts here (1 MiB aligned, as modern partitioners do). */
  public static final long FIRST_SECTOR = 2048;

  private static final int BLOCK = 64 * 1024;

  private static final String[] WORDS = {
    "the", "node", "kernel", "interface", "network", "boot", "disk", "image", "system", "file", "daemon",
    "configuration", "default", "option", "route", "address", "packet", "driver", "module", "service",
    "start", "stop", "user", "group", "permission", "directory", "mount", "partition", "slice", "loader",
    "console", "serial", "clock", "timer", "buffer", "queue", "socket", "protocol", "testbed", "experiment",
  };

  /**
   * One OS to install on the disk.
   *
   * @param osid OSID name written into the boot block
   * @param os OS family (decides the MBR partition type)
   * @param version OS version
   */
  public record Os(String osid, String os, String version) {}

  /**
   * What to write.
   *
   * @param image the Image ID recorded in every boot block
   * @param types node types the OSes have drivers for
   * @param partitions OS per partition slot (1..4), at least one
   * @param activeSlot the partition marked active (bootable) in the MBR
   * @param sizeBytes disk size, a multiple of 512 and large enough for the partitions
   */
  public record Spec(String image, List<String> types, Map<Integer, Os> partitions, int activeSlot, long sizeBytes) {

    public Spec {
      types = List.copyOf(types);
      partitions = Collections.unmodifiableSortedMap(new TreeMap<>(partitions));
      if (partitions.isEmpty()) {
        throw new IllegalArgumentException("a stand-in disk needs at least one OS");
      }
      for (int slot : partitions.keySet()) {
        if (slot < 1 || slot > 4) {
          throw new IllegalArgumentException("partition " + slot + " is not in 1-4");
        }
      }
      if (!partitions.containsKey(activeSlot)) {
        throw new IllegalArgumentException("active partition " + activeSlot + " holds no OS");
      }
      if (sizeBytes % DiskLabel.SECTOR != 0) {
        throw new IllegalArgumentException("disk size " + sizeBytes + " is not a multiple of 512");
      }
      long maxSlot = ((SortedMap<Integer, Os>) partitions).lastKey();
      if (sizeBytes / DiskLabel.SECTOR - FIRST_SECTOR < maxSlot * 64) {
        throw new IllegalArgumentException("disk size " + sizeBytes + " is too small for " + maxSlot + " partitions");
      }
    }

    /** A disk of the default size with one OS on {@code slot}, active. */
    public static Spec single(String image, List<String> types, int slot, Os os) {
      return new Spec(image, types, Map.of(slot, os), slot, DEFAULT_SIZE_BYTES);
    }
  }

  private StandInDisk() {}

  /**
   * Writes the disk to {@code file} (replacing it atomically; a partial disk is never left behind)
   * and returns its label.
   */
  public static DiskLabel write(Path file, Spec spec) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.truncate(0);
        writeContents(ch, spec);
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return DiskLabel.read(file);
  }

  private static void writeContents(FileChannel ch, Spec spec) throws IOException {
    long totalSectors = spec.sizeBytes() / DiskLabel.SECTOR;
    int maxSlot = ((SortedMap<Integer, Os>) spec.partitions()).lastKey();
    // Every slot up to the highest used one gets an equal share, so a slot's position does not
    // depend on which other slots hold an OS.
    long share = (totalSectors - FIRST_SECTOR) / maxSlot;
    ByteBuffer mbr = ByteBuffer.allocate(DiskLabel.SECTOR).order(ByteOrder.LITTLE_ENDIAN);
    for (Map.Entry<Integer, Os> e : spec.partitions().entrySet()) {
      int slot = e.getKey();
      long start = FIRST_SECTOR + (slot - 1) * share;
      int at = DiskLabel.TABLE_OFFSET + (slot - 1) * 16;
      mbr.put(at, (byte) (slot == spec.activeSlot() ? 0x80 : 0x00));
      mbr.put(at + 4, (byte) DiskLabel.mbrType(e.getValue().os()));
      mbr.putInt(at + 8, (int) start);
      mbr.putInt(at + 12, (int) share);
      Os os = e.getValue();
      BootBlock boot = new BootBlock(os.osid(), os.os(), os.version(), spec.types(), spec.image());
      writeAt(ch, ByteBuffer.wrap(boot.toSector()), start * DiskLabel.SECTOR);
      writePayload(ch, os, slot, (start + 1) * DiskLabel.SECTOR, (share - 1) * DiskLabel.SECTOR);
    }
    mbr.put(510, (byte) 0x55);
    mbr.put(511, (byte) 0xAA);
    writeAt(ch, mbr, 0);
    if (ch.size() < spec.sizeBytes()) {
      writeAt(ch, ByteBuffer.allocate(1), spec.sizeBytes() - 1);
    }
  }

  /** Roughly half text, a sixth random bytes, a third zeros, in 64 KiB blocks. */
  private static void writePayload(FileChannel ch, Os os, int slot, long offset, long length) throws IOException {
    Random random = new Random(os.osid().hashCode() * 31L + slot);
    byte[] block = new byte[BLOCK];
    for (long done = 0; done < length; done += BLOCK) {
      int n = (int) Math.min(BLOCK, length - done);
      int kind = random.nextInt(12);
      if (kind < 6) {
        fillText(block, n, os, random);
      } else if (kind < 8) {
        random.nextBytes(block);
      } else {
        continue;
      }
      writeAt(ch, ByteBuffer.wrap(block, 0, n), offset + done);
    }
  }

  private static void fillText(byte[] block, int n, Os os, Random random) {
    StringBuilder text = new StringBuilder(n + 256);
    while (text.length() < n) {
      switch (random.nextInt(3)) {
        case 0 -> text.append("/etc/rc.conf: ").append(WORDS[random.nextInt(WORDS.length)]).append("_enable=\"YES\"\n");
        case 1 -> text.append(os.osid()).append(' ').append(os.os()).append(' ').append(os.version())
            .append(": ").append(WORDS[random.nextInt(WORDS.length)]).append('(').append(1 + random.nextInt(8))
            .append(")\n");
        default -> {
          for (int w = 0; w < 12; w++) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(w == 11 ? ".\n" : " ");
          }
        }
      }
    }
    System.arraycopy(text.toString().getBytes(StandardCharsets.US_ASCII), 0, block, 0, n);
  }

  private static void writeAt(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      pos += ch.write(buf, pos);
    }
  }
}
