package org.nsbed.loader.image;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCorruptionTest {
  @TempDir Path dir;
  Path image;
  Path out;
  byte[] bytes;

  @BeforeEach
  void capture() throws IOException {
    Path in = dir.resolve("in.raw");
    Files.write(in, ImageRoundTripTest.mixed(4 * 1024 * 1024 + 100, 11));
    image = dir.resolve("in.ndz");
    out = dir.resolve("out.raw");
    Imagezip.capture(in, image, CaptureOptions.defaults().withChunkLimit(256 << 10));
    bytes = Files.readAllBytes(image);
  }

  private CorruptImageException unpackFails() {
    CorruptImageException e = assertThrows(CorruptImageException.class, () -> Imageunzip.unpack(image, out));
    assertTrue(e.getMessage().contains(image.toString()), "the message names the image: " + e.getMessage());
    assertFalse(Files.exists(out), "nothing is left behind from a damaged image");
    return e;
  }

  @Test
  void aFlippedPayloadByteIsNamedByChunkAndNothingIsWritten() throws IOException {
    long chunk2;
    try (ImageFile f = ImageFile.open(image)) {
      chunk2 = f.layout().chunk(2).fileOffset();
    }
    bytes[(int) chunk2 + 500] ^= 0x40;
    Files.write(image, bytes);
    CorruptImageException e = unpackFails();
    assertTrue(e.getMessage().contains("chunk 2") && e.getMessage().contains("SHA-256"), e.getMessage());
  }

  @Test
  void aTruncatedImageIsReportedAsTruncated() throws IOException {
    Files.write(image, Arrays.copyOf(bytes, bytes.length - 1000));
    assertTrue(unpackFails().getMessage().contains("truncated"));
  }

  @Test
  void trailingBytesAreReported() throws IOException {
    Files.write(image, Arrays.copyOf(bytes, bytes.length + 10));
    assertTrue(unpackFails().getMessage().contains("unexpected bytes"));
  }

  @Test
  void aDamagedHeaderIsReported() throws IOException {
    bytes[40] ^= 1;
    Files.write(image, bytes);
    assertTrue(unpackFails().getMessage().contains("header is damaged"));
  }

  @Test
  void aDamagedIndexIsReported() throws IOException {
    bytes[bytes.length - 5] ^= 1;
    Files.write(image, bytes);
    assertTrue(unpackFails().getMessage().contains("index is damaged"));
  }

  @Test
  void aFileThatIsNoImageIsReportedAsSuch() throws IOException {
    Files.write(image, ImageRoundTripTest.random(5000, 12));
    assertTrue(unpackFails().getMessage().contains("not an nsbed image"));
  }

  @Test
  void anImageCutInsideItsHeaderIsReported() throws IOException {
    Files.write(image, Arrays.copyOf(bytes, 60));
    assertTrue(unpackFails().getMessage().contains("too short"));
  }

  @Test
  void aMissingImageIsNamed() {
    Path missing = dir.resolve("missing.ndz");
    IOException e = assertThrows(IOException.class, () -> Imageunzip.unpack(missing, out));
    assertTrue(e.getMessage().contains("missing.ndz"));
  }
}
