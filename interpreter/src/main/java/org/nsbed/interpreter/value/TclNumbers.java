package org.nsbed.interpreter.value;

/** Numbers printed the way Tcl prints doubles, so messages read like the reference's. */
final class TclNumbers {

  private TclNumbers() {}

  static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return (long) value + ".0";
    }
    return Double.toString(value);
  }
}
