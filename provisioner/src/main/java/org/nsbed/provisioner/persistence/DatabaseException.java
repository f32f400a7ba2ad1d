package org.nsbed.provisioner.persistence;

/** The database cannot be opened, reached or migrated; the message names the URL and the cause. */
public final class DatabaseException extends RuntimeException {

  public DatabaseException(String message) {
    super(message);
  }

  public DatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
