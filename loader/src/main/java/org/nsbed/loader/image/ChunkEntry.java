package org.nsbed.loader.image;

import java.nio.ByteBuffer;

/**
 * One entry of an image's chunk index (64 bytes, big-endian): where chunk {@code n} lies in the
 * image file, which disk bytes it is responsible for, and the SHA-256 of its bytes.
 *
 * <p>Spans are contiguous and cover the whole disk: chunk 0 starts at 0, each next chunk starts
 * where the previous one ends, the last ends at the image size. A chunk writes its regions and
 * (on a device that is not freshly zeroed) zeros in the rest of its span.
 */
public record ChunkEntry(long fileOffset, int length, int rawLength, long spanStart, long spanEnd, byte[] sha256) {
  public static final int BYTES = 64;

  void encode(ByteBuffer b) {
    b.putLong(fileOffset).putInt(length).putInt(rawLength).putLong(spanStart).putLong(spanEnd).put(sha256);
  }

  static ChunkEntry decode(ByteBuffer b) {
    long fileOffset = b.getLong();
    int length = b.getInt();
    int rawLength = b.getInt();
    long spanStart = b.getLong();
    long spanEnd = b.getLong();
    byte[] sha = new byte[32];
    b.get(sha);
    return new ChunkEntry(fileOffset, length, rawLength, spanStart, spanEnd, sha);
  }
}
