package org.nsbed.loader.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Lays decoded chunks down on a disk: a regular file or a block device. Writes are positional,
 * so chunks may arrive in any order and from several threads.
 *
 * <p>A regular file that is started fresh is emptied and re-extended (sparse, so all zero), and
 * gaps between regions need no writing. On a device, or on a file being resumed, gaps inside a
 * chunk's span are written as zeros so the disk ends up identical to the source either way.
 */
public final class DiskWriter implements AutoCloseable {
  private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20).asReadOnlyBuffer();

  private final Path disk;
  private final FileChannel channel;
  private final boolean zeroGaps;

  private DiskWriter(Path disk, FileChannel channel, boolean zeroGaps) {
    this.disk = disk;
    this.channel = channel;
    this.zeroGaps = zeroGaps;
  }

  /**
   * Opens a disk for an image of {@code imageSize} bytes.
   *
   * @param fresh true to start from an all-zero regular file (a larger file keeps its length);
   *     false to keep the contents (resuming a load)
   */
  public static DiskWriter open(Path disk, long imageSize, boolean fresh) throws IOException {
    boolean regular = !Files.exists(disk) || Files.isRegularFile(disk);
    FileChannel ch = regular
        ? FileChannel.open(disk, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)
        : FileChannel.open(disk, StandardOpenOption.WRITE);
    try {
      if (regular && fresh) {
        long keep = Math.max(ch.size(), imageSize);
        ch.truncate(0);
        if (keep > 0) {
          ch.write(ByteBuffer.allocate(1), keep - 1);
        }
      } else if (regular && ch.size() < imageSize) {
        ch.write(ByteBuffer.allocate(1), imageSize - 1);
      }
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    return new DiskWriter(disk, ch, !(regular && fresh));
  }

  public Path disk() {
    return disk;
  }

  /** Writes a decoded chunk's regions (and, where needed, zeros in the rest of its span). */
  public void write(ChunkHeader h, ByteBuffer raw) throws IOException {
    long at = h.spanStart();
    int pos = 0;
    for (Region r : h.regions()) {
      if (zeroGaps) {
        zero(at, r.offset());
      }
      writeFully(raw.duplicate().limit(pos + r.length()).position(pos), r.offset());
      pos += r.length();
      at = r.end();
    }
    if (zeroGaps) {
      zero(at, h.spanEnd());
    }
  }

  private void zero(long from, long to) throws IOException {
    long at = from;
    while (at < to) {
      int n = (int) Math.min(ZEROS.capacity(), to - at);
      writeFully(ZEROS.duplicate().limit(n), at);
      at += n;
    }
  }

  private void writeFully(ByteBuffer src, long position) throws IOException {
    long at = position;
    while (src.hasRemaining()) {
      at += channel.write(src, at);
    }
  }

  /** Makes every write so far durable. */
  public void force() throws IOException {
    channel.force(false);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
