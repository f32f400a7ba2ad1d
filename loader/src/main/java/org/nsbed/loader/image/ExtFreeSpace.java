package org.nsbed.loader.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the free blocks of ext2/3/4 filesystems, either at the start of the input (a partition)
 * or in the Linux partitions (type 0x83) of a DOS partition table (a whole disk), by reading each
 * block group's allocation bitmap. Groups whose bitmap is not initialised, and filesystems laid
 * out with {@code meta_bg}, are captured whole: when in doubt, nothing is skipped.
 */
final class ExtFreeSpace {
  private static final int EXT_MAGIC = 0xEF53;
  private static final int INCOMPAT_META_BG = 0x10;
  private static final int INCOMPAT_64BIT = 0x80;
  private static final int BG_BLOCK_UNINIT = 0x2;
  /** Free runs shorter than this are captured anyway (as imagezip's default -F 64 sectors). */
  private static final long MIN_FREE_RUN = 32 << 10;

  private ExtFreeSpace() {}

  static FreeSpaceMap scan(FileChannel in, Path input) throws IOException {
    List<long[]> ranges = new ArrayList<>();
    if (!scanFilesystem(in, 0, ranges)) {
      ByteBuffer mbr = read(in, 0, 512);
      if (mbr != null && (mbr.get(510) & 0xff) == 0x55 && (mbr.get(511) & 0xff) == 0xAA) {
        for (int i = 0; i < 4; i++) {
          int e = 446 + 16 * i;
          int type = mbr.get(e + 4) & 0xff;
          long start = Integer.toUnsignedLong(mbr.getInt(e + 8)) * 512;
          if (type == 0x83 && start > 0) {
            scanFilesystem(in, start, ranges);
          }
        }
      }
    }
    long[] starts = new long[ranges.size()];
    long[] ends = new long[ranges.size()];
    for (int i = 0; i < ranges.size(); i++) {
      starts[i] = ranges.get(i)[0];
      ends[i] = ranges.get(i)[1];
    }
    return new FreeSpaceMap(starts, ends);
  }

  private static boolean scanFilesystem(FileChannel in, long fsOffset, List<long[]> ranges) throws IOException {
    ByteBuffer sb = read(in, fsOffset + 1024, 1024);
    if (sb == null || (sb.getShort(0x38) & 0xffff) != EXT_MAGIC) {
      return false;
    }
    int logBlock = sb.getInt(0x18);
    int incompat = sb.getInt(0x60);
    if (logBlock < 0 || logBlock > 6 || (incompat & INCOMPAT_META_BG) != 0) {
      return true;
    }
    long blockSize = 1024L << logBlock;
    boolean is64 = (incompat & INCOMPAT_64BIT) != 0;
    long blocks = Integer.toUnsignedLong(sb.getInt(0x04)) | (is64 ? Integer.toUnsignedLong(sb.getInt(0x150)) << 32 : 0);
    long firstData = Integer.toUnsignedLong(sb.getInt(0x14));
    long perGroup = Integer.toUnsignedLong(sb.getInt(0x20));
    int descSize = is64 ? sb.getShort(0xFE) & 0xffff : 32;
    if (perGroup == 0 || perGroup > blockSize * 8 || descSize < 32 || blocks <= firstData) {
      return true;
    }
    long groups = (blocks - firstData + perGroup - 1) / perGroup;
    ByteBuffer gdt = read(in, fsOffset + (firstData + 1) * blockSize, Math.toIntExact(groups * descSize));
    if (gdt == null) {
      return true;
    }
    long runStart = -1;
    for (long g = 0; g < groups; g++) {
      int d = (int) (g * descSize);
      int flags = gdt.getShort(d + 0x12) & 0xffff;
      long bitmapBlock = Integer.toUnsignedLong(gdt.getInt(d))
          | (descSize >= 64 ? Integer.toUnsignedLong(gdt.getInt(d + 0x20)) << 32 : 0);
      long groupFirst = firstData + g * perGroup;
      long count = Math.min(perGroup, blocks - groupFirst);
      ByteBuffer bitmap = (flags & BG_BLOCK_UNINIT) != 0 || bitmapBlock == 0 || bitmapBlock >= blocks
          ? null : read(in, fsOffset + bitmapBlock * blockSize, (int) blockSize);
      for (long i = 0; i < count; i++) {
        boolean free = bitmap != null && (bitmap.get((int) (i >>> 3)) & (1 << (i & 7))) == 0;
        long at = fsOffset + (groupFirst + i) * blockSize;
        if (free && runStart < 0) {
          runStart = at;
        } else if (!free && runStart >= 0) {
          addRun(ranges, runStart, at);
          runStart = -1;
        }
      }
    }
    if (runStart >= 0) {
      addRun(ranges, runStart, fsOffset + blocks * blockSize);
    }
    return true;
  }

  private static void addRun(List<long[]> ranges, long start, long end) {
    if (end - start >= MIN_FREE_RUN) {
      ranges.add(new long[] {start, end});
    }
  }

  /** Reads {@code len} bytes at {@code pos}, or null if the input ends first. */
  private static ByteBuffer read(FileChannel in, long pos, int len) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
    long at = pos;
    while (b.hasRemaining()) {
      int n = in.read(b, at);
      if (n < 0) {
        return null;
      }
      at += n;
    }
    return b.flip();
  }
}
