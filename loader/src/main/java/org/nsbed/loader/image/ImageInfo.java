package org.nsbed.loader.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;

/**
 * What an image is: its identity and sizes. {@link #read} checks the header and index (not every
 * chunk's hash; {@code imageunzip} and the loader do that as they go).
 *
 * @param imageSize bytes of the disk the image reproduces
 * @param dataBytes bytes actually stored (zero runs and free space are left out)
 * @param compressedBytes the image file's length
 */
public record ImageInfo(Path path, UUID uuid, Codec codec, long imageSize, long dataBytes, long compressedBytes, int chunkCount, boolean freeSpaceSkipped) {

  /** Reads and checks an image's header and index. */
  public static ImageInfo read(Path image) throws IOException {
    try (ImageFile f = ImageFile.open(image)) {
      return of(image, f.header());
    }
  }

  /** The description of the image at {@code path} with header {@code h}. */
  public static ImageInfo of(Path path, ImageHeader h) {
    return new ImageInfo(path, h.uuid(), h.codec(), h.imageSize(), h.dataBytes(), h.fileLength(), h.chunkCount(),
        (h.flags() & ImageHeader.FLAG_FREE_SPACE_SKIPPED) != 0);
  }
}
