package org.nsbed.cli.loader;

import java.util.Locale;
import org.nsbed.loader.image.ImageInfo;

/** The JSON form of an image's description, shared by imagezip and imageunzip. */
final class ImageInfoJson {
  private ImageInfoJson() {}

  static String of(ImageInfo info, double seconds) {
    return String.format(Locale.ROOT,
        "{\"image\":\"%s\",\"uuid\":\"%s\",\"codec\":\"%s\",\"bytes\":%d,\"dataBytes\":%d,\"compressedBytes\":%d,\"chunks\":%d,\"seconds\":%.3f}",
        info.path().toString().replace("\\", "\\\\").replace("\"", "\\\""), info.uuid(),
        info.codec().name().toLowerCase(Locale.ROOT), info.imageSize(), info.dataBytes(), info.compressedBytes(),
        info.chunkCount(), seconds);
  }
}
