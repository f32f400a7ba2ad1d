package org.nsbed.loader.multicast;

import java.io.IOException;

/** A load that could not complete: timed out, the disk could not be written, or a fault was injected. */
public class LoadFailedException extends IOException {
  public LoadFailedException(String message) {
    super(message);
  }

  public LoadFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
