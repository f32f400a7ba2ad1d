package org.nsbed.interpreter.tcl;

import java.math.BigDecimal;
import java.math.BigInteger;
import tcl.lang.Interp;
import tcl.lang.TclException;
import tcl.lang.TclObject;

/**
 * Numbers as Tcl 8.6 reads and writes them: integers of any size (a {@link Long} while it fits,
 * else a {@link BigInteger}), doubles, and strings that are neither. Jacl's own integers are 32
 * bits wide; NS files compute bandwidths in bits per second and 64-bit counters, so the commands
 * of this package use these instead.
 */
public final class TclValues {

  private TclValues() {}

  /** Why a string is not a number (for Tcl's "can't use ... as operand" messages). */
  enum NotNumber {
    EMPTY("empty string"), OCTAL("invalid octal number"), STRING("non-numeric string");

    final String description;

    NotNumber(String description) {
      this.description = description;
    }
  }

  /** An integer in its smallest form: a Long when it fits. */
  static Number normalize(BigInteger value) {
    return value.bitLength() < 64 ? (Number) value.longValue() : value;
  }

  static BigInteger big(Number n) {
    return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
  }

  static boolean isInteger(Object v) {
    return v instanceof Long || v instanceof BigInteger;
  }

  /**
   * Reads a number as Tcl 8.6's expr does: surrounding whitespace allowed, a sign, 0x/0o/0b
   * prefixes, a leading 0 meaning octal, decimals with fraction or exponent, Inf and NaN. Returns
   * a Long, BigInteger or Double, or the {@link NotNumber} reason.
   */
  static Object parseNumber(String text) {
    Long small = smallDecimal(text);
    if (small != null) {
      return small;
    }
    String s = text.strip();
    if (s.isEmpty()) {
      return text.isEmpty() ? NotNumber.EMPTY : NotNumber.STRING;
    }
    int i = 0;
    boolean negative = false;
    if (s.charAt(0) == '+' || s.charAt(0) == '-') {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    String body = s.substring(i);
    if (body.isEmpty()) {
      return NotNumber.STRING;
    }
    Number n = parseUnsigned(body);
    if (n == null) {
      if (body.length() > 1 && body.charAt(0) == '0' && body.chars().allMatch(Character::isDigit)) {
        return NotNumber.OCTAL;
      }
      return NotNumber.STRING;
    }
    if (!negative) {
      return n;
    }
    if (n instanceof Double d) {
      return -d;
    }
    return normalize(big(n).negate());
  }

  /** The common case fast: up to 18 decimal digits, an optional '-', no leading zero. */
  private static Long smallDecimal(String s) {
    int n = s.length();
    int start = n > 0 && s.charAt(0) == '-' ? 1 : 0;
    if (n == start || n - start > 18 || (s.charAt(start) == '0' && n - start > 1)) {
      return null;
    }
    long v = 0;
    for (int i = start; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      v = v * 10 + (c - '0');
    }
    return start == 1 ? -v : v;
  }

  private static Number parseUnsigned(String b) {
    int radix = 10;
    String digits = b;
    if (b.length() > 2 && b.charAt(0) == '0') {
      char p = Character.toLowerCase(b.charAt(1));
      if (p == 'x') {
        radix = 16;
      } else if (p == 'o') {
        radix = 8;
      } else if (p == 'b') {
        radix = 2;
      }
      if (radix != 10) {
        digits = b.substring(2);
      }
    }
    if (radix == 10 && b.length() > 1 && b.charAt(0) == '0' && b.chars().allMatch(Character::isDigit)) {
      // a leading 0 means octal: "08" is no number at all
      return allDigits(b.substring(1), 8) ? normalize(new BigInteger(b.substring(1), 8)) : null;
    }
    if (allDigits(digits, radix)) {
      return normalize(new BigInteger(digits, radix));
    }
    if (radix != 10 && !(b.charAt(0) == '0' && b.length() > 1 && Character.isDigit(b.charAt(1)))) {
      return null;
    }
    return parseDouble(b);
  }

  private static boolean allDigits(String s, int radix) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), radix) < 0 || s.charAt(i) > 'z') {
        return false;
      }
    }
    return true;
  }

  private static Double parseDouble(String b) {
    String lower = b.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("inf") || lower.equals("infinity")) {
      return Double.POSITIVE_INFINITY;
    }
    if (lower.equals("nan")) {
      return Double.NaN;
    }
    // digits [. digits] [e [sign] digits], or . digits [...]
    int i = 0;
    int n = b.length();
    int mantissa = 0;
    while (i < n && Character.isDigit(b.charAt(i))) {
      i++;
      mantissa++;
    }
    if (i < n && b.charAt(i) == '.') {
      i++;
      while (i < n && Character.isDigit(b.charAt(i))) {
        i++;
        mantissa++;
      }
    }
    if (mantissa == 0) {
      return null;
    }
    if (i < n && (b.charAt(i) == 'e' || b.charAt(i) == 'E')) {
      i++;
      if (i < n && (b.charAt(i) == '+' || b.charAt(i) == '-')) {
        i++;
      }
      int exp = 0;
      while (i < n && Character.isDigit(b.charAt(i))) {
        i++;
        exp++;
      }
      if (exp == 0) {
        return null;
      }
    }
    if (i != n) {
      return null;
    }
    return Double.parseDouble(b);
  }

  /** Tcl's remark on a string that is not a number because of a leading 0: "(looks like invalid octal number)". */
  static String octalHint(String s) {
    return parseNumber(s) == NotNumber.OCTAL ? " (looks like invalid octal number)" : "";
  }

  /** What {@code string is boolean} accepts: Tcl's boolean words, 0 and 1. */
  static Boolean strictBooleanOrNull(String s) {
    Boolean b = booleanOrNull(s);
    if (b == null) {
      return null;
    }
    Object n = parseNumber(s);
    if (n instanceof Number num) {
      return num instanceof Long l && (l == 0 || l == 1) ? b : null;
    }
    return b;
  }

  /** A number, or null if the string is not one. */
  static Number numberOrNull(String s) {
    Object n = parseNumber(s);
    return n instanceof Number num ? num : null;
  }

  /** Tcl 8.6's string form of a number: shortest round-trip digits for doubles. */
  static String format(Object v) {
    if (v instanceof Double d) {
      return formatDouble(d);
    }
    return v.toString();
  }

  static String formatDouble(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Inf" : "-Inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal exact = shortest(Math.abs(d));
    String digits = exact.unscaledValue().toString();
    // value = 0.digits * 10^point
    int point = digits.length() - exact.scale();
    StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
    if (point <= -4 || point > 17) {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      int exponent = point - 1;
      out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
    } else if (point <= 0) {
      out.append("0.").append("0".repeat(-point)).append(digits);
    } else if (point >= digits.length()) {
      out.append(digits).append("0".repeat(point - digits.length())).append(".0");
    } else {
      out.append(digits, 0, point).append('.').append(digits, point, digits.length());
    }
    return out.toString();
  }

  /**
   * The fewest significant digits that read back as {@code d}, as Tcl 8.6 chooses them. For a
   * power of two Tcl accepts digits within half the gap to the next larger double on both sides
   * (the gap below is only half as wide), and so prints 2**64 with one digit fewer; that is kept.
   */
  private static BigDecimal shortest(double d) {
    BigDecimal exact = new BigDecimal(d);
    boolean powerOfTwo = (Double.doubleToRawLongBits(d) & 0x000fffffffffffffL) == 0 && Math.getExponent(d) > -1022;
    BigDecimal halfGap = new BigDecimal(Math.ulp(d)).divide(BigDecimal.valueOf(2));
    for (int p = 1; p <= 17; p++) {
      BigDecimal candidate = exact.round(new java.math.MathContext(p, java.math.RoundingMode.HALF_EVEN));
      boolean reads = powerOfTwo ? candidate.subtract(exact).abs().compareTo(halfGap) < 0
          : candidate.doubleValue() == d;
      if (reads) {
        return candidate.stripTrailingZeros();
      }
    }
    return new BigDecimal(Double.toString(d)).stripTrailingZeros();
  }

  /** An integer argument of a command ({@code incr}, {@code lrepeat}, ...), 64-bit or larger. */
  static Number integer(Interp interp, TclObject obj) throws TclException {
    String s = obj.toString();
    Object n = parseNumber(s);
    if (n instanceof Long || n instanceof BigInteger) {
      return (Number) n;
    }
    throw new TclException(interp, "expected integer but got \"" + s + "\"");
  }

  /** An int argument (a count or an index). */
  static int intArg(Interp interp, TclObject obj) throws TclException {
    Number n = integer(interp, obj);
    if (n instanceof BigInteger || n.longValue() > Integer.MAX_VALUE || n.longValue() < Integer.MIN_VALUE) {
      throw new TclException(interp, "integer value too large to represent");
    }
    return n.intValue();
  }

  /** Tcl's boolean words and numbers, or null. */
  static Boolean booleanOrNull(String s) {
    String t = s.strip().toLowerCase(java.util.Locale.ROOT);
    if (!t.isEmpty()) {
      if ("true".startsWith(t) || "yes".startsWith(t) || (t.length() >= 2 && "on".equals(t))) {
        return Boolean.TRUE;
      }
      if ("false".startsWith(t) || "no".startsWith(t) || (t.length() >= 2 && "off".startsWith(t))) {
        return Boolean.FALSE;
      }
    }
    Number n = numberOrNull(s);
    if (n == null) {
      return null;
    }
    if (n instanceof Double d) {
      return Double.isNaN(d) ? null : d != 0;
    }
    return big(n).signum() != 0;
  }
}
