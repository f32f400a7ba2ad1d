package org.nsbed.loader.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageRoundTripTest {
  @TempDir Path dir;

  private Path roundTrip(byte[] data, CaptureOptions options) throws IOException {
    Path in = dir.resolve("in.raw");
    Path image = dir.resolve("in.ndz");
    Path out = dir.resolve("out.raw");
    Files.write(in, data);
    ImageInfo info = Imagezip.capture(in, image, options.withOverwrite(true));
    assertEquals(data.length, info.imageSize());
    assertEquals(info, ImageInfo.read(image));
    Files.deleteIfExists(out);
    Imageunzip.unpack(image, out);
    assertArrayEquals(data, Files.readAllBytes(out));
    return image;
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Random 4 KiB blocks, zero blocks and short zero runs inside data, at odd offsets. */
  static byte[] mixed(int n, long seed) {
    Random r = new Random(seed);
    byte[] b = new byte[n];
    int pos = 0;
    while (pos < n) {
      int len = Math.min(n - pos, 1 + r.nextInt(20000));
      switch (r.nextInt(3)) {
        case 0 -> {
          byte[] piece = new byte[len];
          r.nextBytes(piece);
          System.arraycopy(piece, 0, b, pos, len);
        }
        case 1 -> {
          byte[] text = ("line " + pos + " of a text file that compresses well\n").getBytes(StandardCharsets.US_ASCII);
          for (int i = 0; i < len; i++) {
            b[pos + i] = text[i % text.length];
          }
        }
        default -> { }
      }
      pos += len;
    }
    return b;
  }

  @Test
  void randomDataOfAnOddSizeRoundTripsByteForByte() throws IOException {
    roundTrip(random(3 * 1024 * 1024 + 123, 1), CaptureOptions.defaults());
  }

  @Test
  void allZeroInputRoundTripsAndStoresNoData() throws IOException {
    Path image = roundTrip(new byte[5 * 1024 * 1024 + 7], CaptureOptions.defaults());
    ImageInfo info = ImageInfo.read(image);
    assertEquals(0, info.dataBytes());
    assertEquals(1, info.chunkCount());
    assertTrue(info.compressedBytes() < 1024, "an all-zero disk needs no stored data");
  }

  @Test
  void emptyInputRoundTrips() throws IOException {
    roundTrip(new byte[0], CaptureOptions.defaults());
  }

  @Test
  void mixedDataRoundTripsAndSkipsZeroBlocks() throws IOException {
    byte[] data = mixed(20 * 1024 * 1024 + 511, 2);
    Path image = roundTrip(data, CaptureOptions.defaults());
    ImageInfo info = ImageInfo.read(image);
    assertTrue(info.dataBytes() < data.length, "zero blocks are not stored");
    assertTrue(info.chunkCount() > 1);
  }

  @Test
  void zlibImagesRoundTrip() throws IOException {
    Path image = roundTrip(mixed(6 * 1024 * 1024 + 3, 3), CaptureOptions.defaults().withCodec(Codec.ZLIB));
    assertEquals(Codec.ZLIB, ImageInfo.read(image).codec());
  }

  @Test
  void smallChunksStayWithinTheirLimitAndRoundTrip() throws IOException {
    int limit = CaptureOptions.MIN_CHUNK_LIMIT;
    Path image = roundTrip(mixed(9 * 1024 * 1024 + 77, 4), CaptureOptions.defaults().withChunkLimit(limit));
    try (ImageFile f = ImageFile.open(image)) {
      assertTrue(f.layout().chunkCount() > 20);
      for (ChunkEntry e : f.layout().chunks()) {
        assertTrue(e.length() <= limit, "chunk of " + e.length() + " bytes exceeds " + limit);
      }
    }
  }

  @Test
  void incompressibleDataFillsChunksWithoutExceedingTheLimit() throws IOException {
    Path image = roundTrip(random(4 * 1024 * 1024, 5), CaptureOptions.defaults().withCodec(Codec.ZLIB));
    try (ImageFile f = ImageFile.open(image)) {
      for (ChunkEntry e : f.layout().chunks()) {
        assertTrue(e.length() <= CaptureOptions.DEFAULT_CHUNK_LIMIT);
      }
    }
  }

  @Test
  void eachCaptureGetsItsOwnUuid() throws IOException {
    Path in = dir.resolve("d");
    Files.write(in, random(10000, 6));
    ImageInfo a = Imagezip.capture(in, dir.resolve("a.ndz"), CaptureOptions.defaults());
    ImageInfo b = Imagezip.capture(in, dir.resolve("b.ndz"), CaptureOptions.defaults());
    assertFalse(a.uuid().equals(b.uuid()));
  }

  @Test
  void anExistingImageIsNotOverwrittenWithoutForce() throws IOException {
    Path in = dir.resolve("d");
    Files.write(in, random(1000, 7));
    Path image = dir.resolve("x.ndz");
    Files.writeString(image, "keep me");
    assertThrows(FileAlreadyExistsException.class, () -> Imagezip.capture(in, image, CaptureOptions.defaults()));
    assertEquals("keep me", Files.readString(image));
  }

  @Test
  void unpackingOverAGarbageFileWithZeroGapsGivesAnIdenticalDisk() throws IOException {
    byte[] data = mixed(3 * 1024 * 1024 + 9, 8);
    Path in = dir.resolve("in.raw");
    Path image = dir.resolve("in.ndz");
    Files.write(in, data);
    Imagezip.capture(in, image, CaptureOptions.defaults());
    Path disk = dir.resolve("disk");
    Files.write(disk, random(data.length, 9));
    try (ImageFile f = ImageFile.open(image);
         DiskWriter w = DiskWriter.open(disk, data.length, false);
         ChunkDecoder d = new ChunkDecoder(f.layout(), "test")) {
      for (int n = f.layout().chunkCount() - 1; n >= 0; n--) {
        java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocateDirect(f.layout().chunk(n).length());
        f.readChunk(n, chunk);
        ChunkDecoder.Decoded c = d.decode(n, chunk);
        w.write(c.header(), c.raw());
      }
    }
    assertArrayEquals(data, Files.readAllBytes(disk));
  }
}
