package org.nsbed.loader.image;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * An image's checked geometry: its header and chunk index. Both {@code imageunzip} (from a file)
 * and the multicast client (from the server's datagrams) build one before trusting any chunk.
 */
public record ImageLayout(ImageHeader header, List<ChunkEntry> chunks) {

  /** The image's chunk {@code n}. */
  public ChunkEntry chunk(int n) {
    return chunks.get(n);
  }

  public int chunkCount() {
    return chunks.size();
  }

  /** Serialises the index (the bytes that follow the last chunk in the file). */
  public static byte[] encodeIndex(List<ChunkEntry> chunks) {
    ByteBuffer b = ByteBuffer.allocate(chunks.size() * ChunkEntry.BYTES);
    for (ChunkEntry e : chunks) {
      e.encode(b);
    }
    return b.array();
  }

  /**
   * Checks the index bytes against the header and their own consistency.
   *
   * @param what names the image in error messages
   */
  public static ImageLayout decode(ImageHeader header, byte[] index, String what) throws CorruptImageException {
    if (index.length != header.indexLength()) {
      throw new CorruptImageException(what + ": the chunk index is " + index.length + " bytes, the header says " + header.indexLength());
    }
    if (!MessageDigest.isEqual(ImageHeader.sha256(index, 0, index.length), header.indexSha256())) {
      throw new CorruptImageException(what + ": the chunk index is damaged (its SHA-256 does not match the header)");
    }
    ByteBuffer b = ByteBuffer.wrap(index);
    List<ChunkEntry> chunks = new ArrayList<>(header.chunkCount());
    long fileAt = ImageHeader.BYTES;
    long spanAt = 0;
    for (int i = 0; i < header.chunkCount(); i++) {
      ChunkEntry e = ChunkEntry.decode(b);
      if (e.fileOffset() != fileAt || e.length() < ChunkHeader.FIXED_BYTES || e.length() > header.chunkLimit()
          || e.spanStart() != spanAt || e.spanEnd() < e.spanStart() || e.rawLength() < 0
          || e.rawLength() > e.spanEnd() - e.spanStart() || e.rawLength() > ChunkHeader.MAX_RAW_BYTES) {
        throw new CorruptImageException(what + ": index entry for chunk " + i + " is inconsistent");
      }
      fileAt += e.length();
      spanAt = e.spanEnd();
      chunks.add(e);
    }
    if (fileAt != header.indexOffset() || spanAt != header.imageSize()) {
      throw new CorruptImageException(what + ": the chunk index does not cover the image exactly");
    }
    return new ImageLayout(header, List.copyOf(chunks));
  }
}
