package org.nsbed.loader.image;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The header at the start of every chunk (big-endian), followed by its region table and then the
 * compressed payload. A chunk carries everything needed to lay it down on its own.
 *
 * <pre>
 *   0  magic "NDZC"   4  chunk number   8  image UUID (16)
 *  24  spanStart u64  32  spanEnd u64    40  rawLength u32 (sum of region lengths)
 *  44  regionCount u32  48  payloadLength u32  52  reserved u32
 *  56  regions: offset u64, length u32 (12 bytes each), ascending, inside the span
 * </pre>
 */
public record ChunkHeader(int number, UUID uuid, long spanStart, long spanEnd, int rawLength, List<Region> regions, int payloadLength) {
  public static final int FIXED_BYTES = 56;
  public static final int REGION_BYTES = 12;
  /** Most regions one chunk may list; a chunk closes when its table is full. */
  public static final int MAX_REGIONS = 8192;
  /** Most uncompressed bytes one chunk may hold; bounds a decoder's memory. */
  public static final int MAX_RAW_BYTES = 16 << 20;
  private static final int MAGIC = 0x4E445A43;

  /** Bytes of header and region table. */
  public int headerLength() {
    return FIXED_BYTES + REGION_BYTES * regions.size();
  }

  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(headerLength());
    b.putInt(MAGIC).putInt(number);
    b.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    b.putLong(spanStart).putLong(spanEnd).putInt(rawLength).putInt(regions.size()).putInt(payloadLength).putInt(0);
    for (Region r : regions) {
      b.putLong(r.offset()).putInt(r.length());
    }
    return b.array();
  }

  /**
   * Parses a chunk's header from bytes {@code [0, length)} of {@code chunk} and checks it against
   * the image.
   *
   * @param what names the chunk in error messages
   */
  public static ChunkHeader decode(ByteBuffer chunk, int length, ImageHeader image, ChunkEntry entry, int expectedNumber, String what)
      throws CorruptImageException {
    if (length < FIXED_BYTES) {
      throw new CorruptImageException(what + ": shorter than a chunk header");
    }
    ByteBuffer b = chunk.duplicate().limit(length).position(0);
    if (b.getInt() != MAGIC) {
      throw new CorruptImageException(what + ": bad chunk magic");
    }
    int number = b.getInt();
    UUID uuid = new UUID(b.getLong(), b.getLong());
    long spanStart = b.getLong();
    long spanEnd = b.getLong();
    int rawLength = b.getInt();
    int regionCount = b.getInt();
    int payloadLength = b.getInt();
    b.getInt();
    if (number != expectedNumber) {
      throw new CorruptImageException(what + ": holds chunk " + number + " instead");
    }
    if (!uuid.equals(image.uuid())) {
      throw new CorruptImageException(what + ": belongs to image " + uuid + ", not " + image.uuid());
    }
    if (spanStart != entry.spanStart() || spanEnd != entry.spanEnd() || rawLength != entry.rawLength()) {
      throw new CorruptImageException(what + ": its header disagrees with the image index");
    }
    if (regionCount < 0 || regionCount > MAX_REGIONS || payloadLength < 0
        || (long) FIXED_BYTES + (long) REGION_BYTES * regionCount + payloadLength != length) {
      throw new CorruptImageException(what + ": region count or payload length does not add up to the chunk's length");
    }
    List<Region> regions = new ArrayList<>(regionCount);
    long prevEnd = spanStart;
    long sum = 0;
    for (int i = 0; i < regionCount; i++) {
      long off = b.getLong();
      int len = b.getInt();
      if (len <= 0 || off < prevEnd || off + len > spanEnd) {
        throw new CorruptImageException(what + ": region " + i + " lies outside its span or out of order");
      }
      regions.add(new Region(off, len));
      prevEnd = off + len;
      sum += len;
    }
    if (sum != rawLength) {
      throw new CorruptImageException(what + ": regions hold " + sum + " bytes, the header says " + rawLength);
    }
    return new ChunkHeader(number, uuid, spanStart, spanEnd, rawLength, List.copyOf(regions), payloadLength);
  }
}
