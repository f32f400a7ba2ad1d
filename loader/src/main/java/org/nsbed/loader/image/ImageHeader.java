package org.nsbed.loader.image;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.UUID;

/**
 * The fixed 128-byte header at the start of an {@code .ndz} file (big-endian).
 *
 * <pre>
 *   0  magic "NSBEDNDZ"          8
 *   8  version u16, codec u8, flags u8
 *  12  chunkLimit u32            largest chunk in bytes (header, regions and payload)
 *  16  image UUID                16
 *  32  imageSize u64             bytes of the disk the image reproduces
 *  40  dataBytes u64             bytes stored in regions (the rest is zero or free space)
 *  48  indexOffset u64           the chunk index follows the last chunk
 *  56  chunkCount u32
 *  60  indexLength u32
 *  64  index SHA-256             32
 *  96  header SHA-256            32, over bytes 0..96
 * </pre>
 *
 * <p>The multicast server sends these same 128 bytes to joining clients, so a client checks the
 * geometry it is told exactly as {@code imageunzip} checks a file.
 */
public record ImageHeader(
    int version,
    Codec codec,
    int flags,
    int chunkLimit,
    UUID uuid,
    long imageSize,
    long dataBytes,
    long indexOffset,
    int chunkCount,
    int indexLength,
    byte[] indexSha256) {

  public static final int BYTES = 128;
  public static final int VERSION = 1;
  /** Flag: free filesystem blocks were left out, so gaps are "don't care" rather than zero. */
  public static final int FLAG_FREE_SPACE_SKIPPED = 1;
  private static final byte[] MAGIC = "NSBEDNDZ".getBytes(StandardCharsets.US_ASCII);

  /** Serialises the header, computing its own SHA-256. */
  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(BYTES);
    b.put(MAGIC);
    b.putShort((short) version).put((byte) codec.id()).put((byte) flags);
    b.putInt(chunkLimit);
    b.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    b.putLong(imageSize).putLong(dataBytes).putLong(indexOffset);
    b.putInt(chunkCount).putInt(indexLength);
    b.put(indexSha256);
    b.put(sha256(b.array(), 0, 96));
    return b.array();
  }

  /**
   * Parses and checks a header.
   *
   * @param what names the image in error messages (a path, or "image served on GROUP")
   */
  public static ImageHeader decode(byte[] bytes, String what) throws CorruptImageException {
    if (bytes.length < BYTES) {
      throw new CorruptImageException(what + ": too short for an nsbed image (" + bytes.length + " bytes, the header alone is " + BYTES + ")");
    }
    if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new CorruptImageException(what + ": not an nsbed image (bad magic)");
    }
    if (!Arrays.equals(sha256(bytes, 0, 96), 0, 32, bytes, 96, 128)) {
      throw new CorruptImageException(what + ": the image header is damaged (its SHA-256 does not match)");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, 0, BYTES);
    b.position(MAGIC.length);
    int version = Short.toUnsignedInt(b.getShort());
    if (version != VERSION) {
      throw new CorruptImageException(what + ": image format version " + version + " is not supported (this nsbed reads version " + VERSION + ")");
    }
    int codecId = Byte.toUnsignedInt(b.get());
    Codec codec = Codec.byId(codecId);
    if (codec == null) {
      throw new CorruptImageException(what + ": unknown compression codec " + codecId);
    }
    int flags = Byte.toUnsignedInt(b.get());
    int chunkLimit = b.getInt();
    UUID uuid = new UUID(b.getLong(), b.getLong());
    long imageSize = b.getLong();
    long dataBytes = b.getLong();
    long indexOffset = b.getLong();
    int chunkCount = b.getInt();
    int indexLength = b.getInt();
    byte[] indexSha = new byte[32];
    b.get(indexSha);
    if (chunkLimit < ChunkHeader.FIXED_BYTES || imageSize < 0 || dataBytes < 0 || dataBytes > imageSize
        || chunkCount < 1 || indexOffset < BYTES
        || (long) indexLength != (long) chunkCount * ChunkEntry.BYTES) {
      throw new CorruptImageException(what + ": the image header's geometry is inconsistent");
    }
    return new ImageHeader(version, codec, flags, chunkLimit, uuid, imageSize, dataBytes, indexOffset, chunkCount, indexLength, indexSha);
  }

  /** The total length of the image file: header, chunks, index. */
  public long fileLength() {
    return indexOffset + indexLength;
  }

  static byte[] sha256(byte[] data, int off, int len) {
    MessageDigest md = newSha256();
    md.update(data, off, len);
    return md.digest();
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no SHA-256", e);
    }
  }
}
