package org.nsbed.cli.loader;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.loader.image.CorruptImageException;

/**
 * Turns loader failures into exit statuses (docs/interfaces.md, "Exit status"): bad input 1, failed
 * operation 3.
 */
final class LoaderErrors {
  private LoaderErrors() {}

  static UserError of(IOException e) {
    if (e instanceof NoSuchFileException nf) {
      String why = nf.getReason() != null ? nf.getReason() : "no such file";
      return new UserError(nf.getFile() + ": " + why);
    }
    if (e instanceof FileAlreadyExistsException fe) {
      String why = fe.getReason() != null ? fe.getReason() : "already exists";
      return new UserError(fe.getFile() + ": " + why);
    }
    if (e instanceof CorruptImageException) {
      return new UserError(e.getMessage());
    }
    return new UserError(e.getMessage(), Nsbed.EXIT_FAILED);
  }

  static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
