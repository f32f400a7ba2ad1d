package org.nsbed.interpreter.ns;

/**
 * A user error found by an NS command (the reference's {@code perror}): it is reported with the
 * command's name and line, the command has no effect, and evaluation continues.
 */
public final class NsError extends Exception {

  public NsError(String message) {
    super(message, null, false, false);
  }
}
