package org.nsbed.interpreter.tcl;

import tcl.lang.Interp;
import tcl.lang.TclException;
import tcl.lang.TclObject;

/** List and string indexes as Tcl 8.6 reads them: {@code 3}, {@code end}, {@code end-1}, {@code 2+1}. */
final class Indexes {

  private Indexes() {}

  /** The index {@code obj} names in a sequence of {@code size} items (may be out of range). */
  static int index(Interp interp, TclObject obj, int size) throws TclException {
    String s = obj.toString().strip();
    Long v = parse(s, size);
    if (v == null) {
      throw new TclException(interp, "bad index \"" + obj + "\": must be integer?[+-]integer? or end?[+-]integer?");
    }
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }

  private static Long parse(String s, int size) {
    if (s.startsWith("end")) {
      String rest = s.substring(3);
      if (rest.isEmpty()) {
        return (long) size - 1;
      }
      if (rest.charAt(0) != '+' && rest.charAt(0) != '-') {
        return null;
      }
      Long off = integer(rest.substring(1));
      return off == null ? null : size - 1 + (rest.charAt(0) == '-' ? -off : off);
    }
    Long whole = integer(s);
    if (whole != null) {
      return whole;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+' || c == '-') {
        Long a = integer(s.substring(0, i));
        Long b = integer(s.substring(i + 1));
        if (a != null && b != null) {
          return c == '+' ? a + b : a - b;
        }
      }
    }
    return null;
  }

  private static Long integer(String s) {
    if (s.isEmpty() || Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))) {
      return null;
    }
    Object n = TclValues.parseNumber(s);
    if (n instanceof Long l) {
      return l;
    }
    if (n instanceof java.math.BigInteger b) {
      return b.signum() < 0 ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
    }
    return null;
  }
}
