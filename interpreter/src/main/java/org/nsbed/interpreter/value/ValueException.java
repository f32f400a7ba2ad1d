package org.nsbed.interpreter.value;

/** A value in an NS file that does not have the required form; the message says why. */
public final class ValueException extends Exception {

  public ValueException(String message) {
    super(message);
  }
}
