package org.nsbed.cli;

/**
 * A problem with what the user asked for (unknown image, permission, bad state). Printed as one
 * line naming what is wrong; exit status 1 unless the command says otherwise.
 */
public class UserError extends RuntimeException {
  private final int exitCode;

  public UserError(String message) {
    this(message, Nsbed.EXIT_USER_ERROR);
  }

  public UserError(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
