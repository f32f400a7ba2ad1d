package org.nsbed.provisioner.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What is on a simulated disk: the MBR's partition table and, for each partition, the boot block
 * in its first sector (if one is there). This is what a simulated node "sees" when it boots.
 *
 * @param partitions the non-empty MBR entries, by slot
 * @param hasMbr false if sector 0 carries no 0x55AA signature (a blank or foreign disk)
 */
public record DiskLabel(List<Partition> partitions, boolean hasMbr) {

  /** Bytes per sector. */
  public static final int SECTOR = 512;

  static final int TABLE_OFFSET = 446;

  /** MBR partition type for FreeBSD slices. */
  public static final int TYPE_FREEBSD = 0xA5;

  /** MBR partition type for Linux. */
  public static final int TYPE_LINUX = 0x83;

  /** MBR partition type nsbed uses for every other OS. */
  public static final int TYPE_OTHER = 0x7F;

  /**
   * One MBR partition entry.
   *
   * @param slot 1..4
   * @param active the boot flag (0x80)
   * @param type the MBR partition type byte
   * @param startSector first sector (LBA)
   * @param sectors length in sectors
   * @param bootBlock the OS installed there, if its first sector is a boot block
   */
  public record Partition(int slot, boolean active, int type, long startSector, long sectors, Optional<BootBlock> bootBlock) {}

  /**
   * The result of booting a disk on a node of some type.
   *
   * @param booted the partition that booted, if any
   * @param console what the node prints on its console
   */
  public record Boot(Optional<Partition> booted, String console) {
    public boolean ok() {
      return booted.isPresent();
    }
  }

  public DiskLabel {
    partitions = List.copyOf(partitions);
  }

  /** The MBR partition type used for an OS family. */
  public static int mbrType(String os) {
    return switch (os) {
      case "FreeBSD" -> TYPE_FREEBSD;
      case "Linux", "Fedora" -> TYPE_LINUX;
      default -> TYPE_OTHER;
    };
  }

  /**
   * Reads the partition table of a disk file and the boot block of each partition.
   *
   * @throws IOException if the file cannot be read
   */
  public static DiskLabel read(Path disk) throws IOException {
    try (FileChannel ch = FileChannel.open(disk, StandardOpenOption.READ)) {
      ByteBuffer mbr = ByteBuffer.allocate(SECTOR).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, mbr, 0);
      if ((mbr.get(510) & 0xFF) != 0x55 || (mbr.get(511) & 0xFF) != 0xAA) {
        return new DiskLabel(List.of(), false);
      }
      long diskSectors = ch.size() / SECTOR;
      List<Partition> parts = new ArrayList<>();
      for (int slot = 1; slot <= 4; slot++) {
        int at = TABLE_OFFSET + (slot - 1) * 16;
        int type = mbr.get(at + 4) & 0xFF;
        long start = Integer.toUnsignedLong(mbr.getInt(at + 8));
        long count = Integer.toUnsignedLong(mbr.getInt(at + 12));
        if (type == 0 || count == 0) {
          continue;
        }
        Optional<BootBlock> boot = Optional.empty();
        if (start > 0 && start < diskSectors) {
          ByteBuffer first = ByteBuffer.allocate(SECTOR);
          readFully(ch, first, start * SECTOR);
          boot = BootBlock.parse(first.array());
        }
        parts.add(new Partition(slot, (mbr.get(at) & 0xFF) == 0x80, type, start, count, boot));
      }
      return new DiskLabel(parts, true);
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        break;
      }
      pos += n;
    }
  }

  /** The partition in {@code slot}, if the table has one there. */
  public Optional<Partition> partition(int slot) {
    return partitions.stream().filter(p -> p.slot() == slot).findFirst();
  }

  /**
   * Boots the disk on a node of {@code nodeType}, asked to run {@code osid}: the partition holding
   * that OSID if there is one, else the active partition, else the first partition with an OS.
   * It boots iff that partition holds an OS with drivers for the node type; otherwise the console
   * shows what a real machine would: {@code Missing operating system} or a kernel panic.
   */
  public Boot boot(String osid, String nodeType) {
    Optional<Partition> chosen = partitions.stream()
        .filter(p -> p.bootBlock().map(b -> b.osid().equals(osid)).orElse(false))
        .findFirst()
        .or(() -> partitions.stream().filter(Partition::active).findFirst())
        .or(() -> partitions.stream().filter(p -> p.bootBlock().isPresent()).findFirst());
    if (chosen.isEmpty() || chosen.get().bootBlock().isEmpty()) {
      return new Boot(Optional.empty(), "Missing operating system");
    }
    BootBlock os = chosen.get().bootBlock().get();
    if (!os.supports(nodeType)) {
      return new Boot(Optional.empty(), "Kernel panic: no driver for this hardware (" + os.osid() + " on " + nodeType
          + "; the OS supports " + String.join(", ", os.types()) + ")");
    }
    return new Boot(chosen, "Booting " + os.osid() + " (" + os.os() + " " + os.version() + ") from partition "
        + chosen.get().slot());
  }
}
