package org.nsbed.loader.image;

/**
 * How {@link Imagezip} captures a disk.
 *
 * @param codec zstd (default) or zlib
 * @param level compression level (zstd 1..19, zlib 1..9)
 * @param chunkLimit largest chunk in bytes, header and regions included (default 1 MiB)
 * @param overwrite replace an existing output file
 * @param skipFreeSpace leave out the free blocks of a recognised ext2/3/4 filesystem
 * @param threads compression threads
 */
public record CaptureOptions(Codec codec, int level, int chunkLimit, boolean overwrite, boolean skipFreeSpace, int threads) {
  public static final int DEFAULT_CHUNK_LIMIT = 1 << 20;
  public static final int MIN_CHUNK_LIMIT = 64 << 10;

  public CaptureOptions {
    if (chunkLimit < MIN_CHUNK_LIMIT || chunkLimit > ChunkHeader.MAX_RAW_BYTES) {
      throw new IllegalArgumentException("chunk size must be between " + MIN_CHUNK_LIMIT + " and " + ChunkHeader.MAX_RAW_BYTES + " bytes, not " + chunkLimit);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
  }

  /** zstd at its default level, 1 MiB chunks, one thread per core, no overwrite, raw. */
  public static CaptureOptions defaults() {
    return new CaptureOptions(Codec.ZSTD, Codec.ZSTD.defaultLevel(), DEFAULT_CHUNK_LIMIT, false, false,
        Runtime.getRuntime().availableProcessors());
  }

  public CaptureOptions withCodec(Codec c) {
    return new CaptureOptions(c, c.defaultLevel(), chunkLimit, overwrite, skipFreeSpace, threads);
  }

  public CaptureOptions withLevel(int l) {
    return new CaptureOptions(codec, l, chunkLimit, overwrite, skipFreeSpace, threads);
  }

  public CaptureOptions withChunkLimit(int limit) {
    return new CaptureOptions(codec, level, limit, overwrite, skipFreeSpace, threads);
  }

  public CaptureOptions withOverwrite(boolean o) {
    return new CaptureOptions(codec, level, chunkLimit, o, skipFreeSpace, threads);
  }

  public CaptureOptions withSkipFreeSpace(boolean s) {
    return new CaptureOptions(codec, level, chunkLimit, overwrite, s, threads);
  }
}
