package org.nsbed.loader.image;

import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * Turns one chunk's bytes into the disk bytes it fills: checks its SHA-256 against the index,
 * parses and checks its header, and decompresses its payload. One thread's use; reusable.
 */
public final class ChunkDecoder implements AutoCloseable {
  private final ImageLayout layout;
  private final String what;
  private final Codec.ChunkDecompressor decompressor;
  private final MessageDigest sha = ImageHeader.newSha256();
  private final byte[] digest = new byte[32];
  private ByteBuffer raw = ByteBuffer.allocateDirect(0);

  /**
   * @param what names the image in error messages
   */
  public ChunkDecoder(ImageLayout layout, String what) {
    this.layout = layout;
    this.what = what;
    this.decompressor = layout.header().codec().decompressor();
  }

  /**
   * A decoded chunk: its header and its region bytes, a direct buffer holding
   * {@code header.rawLength()} bytes from position 0.
   */
  public record Decoded(ChunkHeader header, ByteBuffer raw) {}

  /**
   * Checks and decodes chunk {@code n}, held in bytes {@code [0, length)} of the direct buffer
   * {@code chunk}. The returned raw buffer is reused by the next call.
   *
   * @throws CorruptImageException naming the image and chunk when any check fails
   */
  public Decoded decode(int n, ByteBuffer chunk) throws CorruptImageException {
    ChunkEntry entry = layout.chunk(n);
    String where = what + ", chunk " + n;
    if (!verify(n, chunk)) {
      throw new CorruptImageException(where + ": fails its SHA-256 check (the chunk is damaged)");
    }
    ChunkHeader h = ChunkHeader.decode(chunk, entry.length(), layout.header(), entry, n, where);
    if (raw.capacity() < h.rawLength()) {
      raw = ByteBuffer.allocateDirect(h.rawLength());
    }
    if (h.rawLength() > 0) {
      try {
        decompressor.decompress(chunk, h.headerLength(), h.payloadLength(), raw, h.rawLength());
      } catch (CorruptImageException e) {
        throw new CorruptImageException(where + ": " + e.getMessage(), e);
      }
    } else if (h.payloadLength() != 0) {
      throw new CorruptImageException(where + ": an empty chunk with a payload");
    }
    return new Decoded(h, raw.duplicate().clear().limit(h.rawLength()));
  }

  /** Whether chunk {@code n}'s bytes match the SHA-256 in the index. */
  public boolean verify(int n, ByteBuffer chunk) {
    ChunkEntry entry = layout.chunk(n);
    sha.update(chunk.duplicate().limit(entry.length()).position(0));
    try {
      sha.digest(digest, 0, 32);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException(e);
    }
    return MessageDigest.isEqual(digest, entry.sha256());
  }

  @Override
  public void close() {
    decompressor.close();
  }
}
