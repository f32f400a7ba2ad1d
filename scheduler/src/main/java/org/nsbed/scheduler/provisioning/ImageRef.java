package org.nsbed.scheduler.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nsbed.loader.image.ImageInfo;

/**
 * An image file to load.
 *
 * @param name the Image ID ({@code pid/name})
 * @param file the {@code .ndz} file
 * @param imageBytes the uncompressed size it writes (progress total)
 * @param fileBytes the file's size (the load deadline grows with it)
 */
public record ImageRef(String name, Path file, long imageBytes, long fileBytes) {

  /**
   * Reads an image file's sizes.
   *
   * @throws IOException naming the image if its file is missing or unreadable
   */
  public static ImageRef of(String name, Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("image " + name + " has no file at " + file);
    }
    return new ImageRef(name, file, ImageInfo.read(file).dataBytes(), Files.size(file));
  }
}
