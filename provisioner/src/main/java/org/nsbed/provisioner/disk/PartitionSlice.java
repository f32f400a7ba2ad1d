package org.nsbed.provisioner.disk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One DOS partition of a disk file, copied out into a temporary file so that imagezip captures a
 * partition image from it (create_image of a partition, stand-in images of one partition). The
 * copy is deleted on {@link #close()}.
 */
public final class PartitionSlice implements AutoCloseable {
  private final Path file;

  private PartitionSlice(Path file) {
    this.file = file;
  }

  /**
   * Copies {@code partition} of {@code disk} into a new hidden file in {@code dir} (next to the
   * image being written, so both stay on one file system) whose name starts with
   * {@code "." + prefix}.
   *
   * @throws IOException if the disk cannot be read or the copy written; nothing is left behind then
   */
  public static PartitionSlice cut(Path disk, DiskLabel.Partition partition, Path dir, String prefix)
      throws IOException {
    Path slice = Files.createTempFile(dir, "." + prefix, ".slice");
    try (FileChannel from = FileChannel.open(disk, StandardOpenOption.READ);
        FileChannel to = FileChannel.open(slice, StandardOpenOption.WRITE)) {
      long offset = partition.startSector() * DiskLabel.SECTOR;
      long length = partition.sectors() * DiskLabel.SECTOR;
      for (long done = 0; done < length; ) {
        long moved = from.transferTo(offset + done, length - done, to);
        if (moved <= 0) {
          throw new IOException(disk + " ends before partition " + partition.slot() + " does (at byte "
              + (offset + done) + ")");
        }
        done += moved;
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(slice);
      throw e;
    }
    return new PartitionSlice(slice);
  }

  /** The copy of the partition. */
  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(file);
  }
}
