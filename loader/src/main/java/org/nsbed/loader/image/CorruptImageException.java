package org.nsbed.loader.image;

import java.io.IOException;

/**
 * An image file (or a chunk of one) that is damaged, truncated or not an nsbed image. The message
 * names the image and, where known, the chunk, so the user knows which file to recapture.
 */
public class CorruptImageException extends IOException {
  public CorruptImageException(String message) {
    super(message);
  }

  public CorruptImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
