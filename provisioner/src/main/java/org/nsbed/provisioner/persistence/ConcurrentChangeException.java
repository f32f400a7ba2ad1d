package org.nsbed.provisioner.persistence;

/**
 * Another transaction changed the same rows first (two swap-ins reserving the same node): nothing
 * of this one was stored, and doing it again on what is now in the database may succeed.
 */
public final class ConcurrentChangeException extends RuntimeException {

  public ConcurrentChangeException(String message, Throwable cause) {
    super(message, cause);
  }
}
