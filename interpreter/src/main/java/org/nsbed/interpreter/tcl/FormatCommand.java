package org.nsbed.interpreter.tcl;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import tcl.lang.Interp;
import tcl.lang.TclException;
import tcl.lang.TclObject;

/**
 * {@code format} with Tcl 8.6's integers: {@code %d} of a bandwidth in bits per second prints
 * all its digits (Jacl's prints 32 bits), {@code %ld}/{@code %lld} are accepted, and the
 * C library's forms of {@code %e} and {@code %g}.
 */
final class FormatCommand {

  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private FormatCommand() {}

  static void install(Interp interp) {
    interp.createCommand("format", FormatCommand::format);
  }

  private static void format(Interp interp, TclObject[] argv) throws TclException {
    if (argv.length < 2) {
      throw new TclException(interp, "wrong # args: should be \"format formatString ?arg ...?\"");
    }
    String f = argv[1].toString();
    StringBuilder out = new StringBuilder();
    int next = 2;
    int i = 0;
    while (i < f.length()) {
      char c = f.charAt(i++);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i < f.length() && f.charAt(i) == '%') {
        out.append('%');
        i++;
        continue;
      }
      // %n$ positional argument
      int j = i;
      while (j < f.length() && Character.isDigit(f.charAt(j))) {
        j++;
      }
      if (j > i && j < f.length() && f.charAt(j) == '$') {
        next = 1 + Integer.parseInt(f.substring(i, j));
        i = j + 1;
      }
      StringBuilder flags = new StringBuilder();
      while (i < f.length() && "-+ 0#".indexOf(f.charAt(i)) >= 0) {
        flags.append(f.charAt(i++));
      }
      Integer width = null;
      if (i < f.length() && f.charAt(i) == '*') {
        width = TclValues.intArg(interp, arg(interp, argv, next++));
        if (width < 0) {
          flags.append('-');
          width = -width;
        }
        i++;
      } else {
        int w = i;
        while (i < f.length() && Character.isDigit(f.charAt(i))) {
          i++;
        }
        width = i > w ? Integer.parseInt(f.substring(w, i)) : null;
      }
      Integer precision = null;
      if (i < f.length() && f.charAt(i) == '.') {
        i++;
        if (i < f.length() && f.charAt(i) == '*') {
          precision = TclValues.intArg(interp, arg(interp, argv, next++));
          i++;
        } else {
          int p = i;
          while (i < f.length() && Character.isDigit(f.charAt(i))) {
            i++;
          }
          precision = i > p ? Integer.parseInt(f.substring(p, i)) : 0;
        }
      }
      int size = 0;
      if (i < f.length() && f.charAt(i) == 'h') {
        size = -1;
        i++;
      } else if (i < f.length() && f.charAt(i) == 'l') {
        size = 1;
        i++;
        if (i < f.length() && f.charAt(i) == 'l') {
          size = 2;
          i++;
        }
      }
      if (i >= f.length()) {
        throw new TclException(interp, "format string ended in middle of field specifier");
      }
      char conv = f.charAt(i++);
      String body;
      String sign = "";
      boolean numeric = true;
      switch (conv) {
        case 'd', 'i', 'u', 'o', 'x', 'X', 'b' -> {
          BigInteger v = integer(interp, arg(interp, argv, next++), size);
          if (conv == 'u' || conv == 'o' || conv == 'x' || conv == 'X' || conv == 'b') {
            if (v.signum() < 0) {
              v = v.add(size == 2 ? BigInteger.ONE.shiftLeft(v.bitLength() + 1) : size < 0
                  ? BigInteger.ONE.shiftLeft(16) : TWO_64);
            }
          }
          int radix = conv == 'o' ? 8 : conv == 'x' || conv == 'X' ? 16 : conv == 'b' ? 2 : 10;
          body = v.abs().toString(radix);
          if (conv == 'X') {
            body = body.toUpperCase(Locale.ROOT);
          }
          if (precision != null && body.length() < precision) {
            body = "0".repeat(precision - body.length()) + body;
          }
          if (flags.indexOf("#") >= 0 && v.signum() != 0) {
            body = (conv == 'o' ? "0" : conv == 'x' ? "0x" : conv == 'X' ? "0X" : conv == 'b' ? "0b" : "") + body;
          }
          sign = v.signum() < 0 ? "-" : flags.indexOf("+") >= 0 ? "+" : flags.indexOf(" ") >= 0 ? " " : "";
        }
        case 'c' -> {
          numeric = false;
          body = new String(Character.toChars(TclValues.intArg(interp, arg(interp, argv, next++))));
        }
        case 's' -> {
          numeric = false;
          body = arg(interp, argv, next++).toString();
          if (precision != null && body.length() > precision) {
            body = body.substring(0, precision);
          }
        }
        case 'f', 'e', 'E', 'g', 'G', 'a', 'A' -> {
          TclObject a = arg(interp, argv, next++);
          Number n = TclValues.numberOrNull(a.toString());
          if (n == null) {
            throw new TclException(interp, "expected floating-point number but got \"" + a + "\"");
          }
          double d = n.doubleValue();
          body = floating(conv, Math.abs(d), precision == null ? 6 : precision, flags.indexOf("#") >= 0);
          sign = d < 0 || (d == 0 && 1 / d < 0) ? "-" : flags.indexOf("+") >= 0 ? "+"
              : flags.indexOf(" ") >= 0 ? " " : "";
        }
        default -> throw new TclException(interp, "bad field specifier \"" + conv + "\"");
      }
      int pad = width == null ? 0 : width - sign.length() - body.length();
      if (pad <= 0) {
        out.append(sign).append(body);
      } else if (flags.indexOf("-") >= 0) {
        out.append(sign).append(body).append(" ".repeat(pad));
      } else if (flags.indexOf("0") >= 0 && numeric && !(precision != null && "diuoxX".indexOf(conv) >= 0)) {
        out.append(sign).append("0".repeat(pad)).append(body);
      } else {
        out.append(" ".repeat(pad)).append(sign).append(body);
      }
    }
    interp.setResult(out.toString());
  }

  private static TclObject arg(Interp interp, TclObject[] argv, int index) throws TclException {
    if (index >= argv.length) {
      throw new TclException(interp, "not enough arguments for all format specifiers");
    }
    return argv[index];
  }

  private static BigInteger integer(Interp interp, TclObject a, int size) throws TclException {
    String s = a.toString();
    Object n = TclValues.parseNumber(s);
    BigInteger v;
    if (n instanceof Long || n instanceof BigInteger) {
      v = TclValues.big((Number) n);
    } else {
      throw new TclException(interp, "expected integer but got \"" + s + "\"" + TclValues.octalHint(s));
    }
    if (size == 2) {
      return v;
    }
    if (size < 0) {
      return BigInteger.valueOf((short) v.longValue());
    }
    return BigInteger.valueOf(v.longValue());
  }

  /** The C library's %f, %e and %g of a non-negative number. */
  static String floating(char conv, double d, int precision, boolean alternate) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return "inf";
    }
    switch (conv) {
      case 'f':
        return new BigDecimal(d).setScale(precision, java.math.RoundingMode.HALF_EVEN).toPlainString()
            + (alternate && precision == 0 ? "." : "");
      case 'e':
      case 'E': {
        String s = exponential(d, precision);
        return conv == 'E' ? s.toUpperCase(Locale.ROOT) : s;
      }
      case 'a':
      case 'A': {
        String s = Double.toHexString(d);
        return conv == 'A' ? s.toUpperCase(Locale.ROOT) : s;
      }
      default: {
        int p = precision == 0 ? 1 : precision;
        if (d == 0) {
          return alternate ? "0." + "0".repeat(p - 1) : "0";
        }
        String e = exponential(d, p - 1);
        int x = Integer.parseInt(e.substring(e.indexOf('e') + 1));
        String s = x < -4 || x >= p ? e : floating('f', d, p - 1 - x, false);
        if (!alternate) {
          String mantissa = s.contains("e") ? s.substring(0, s.indexOf('e')) : s;
          String exp = s.contains("e") ? s.substring(s.indexOf('e')) : "";
          if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
          }
          s = mantissa + exp;
        }
        return conv == 'G' ? s.toUpperCase(Locale.ROOT) : s;
      }
    }
  }

  private static String exponential(double d, int precision) {
    if (d == 0) {
      return (precision > 0 ? "0." + "0".repeat(precision) : "0") + "e+00";
    }
    BigDecimal b = new BigDecimal(d).round(new java.math.MathContext(precision + 1, java.math.RoundingMode.HALF_EVEN));
    int exponent = b.precision() - b.scale() - 1;
    String digits = b.unscaledValue().toString();
    digits = digits.length() < precision + 1 ? digits + "0".repeat(precision + 1 - digits.length())
        : digits.substring(0, precision + 1);
    String mantissa = precision > 0 ? digits.charAt(0) + "." + digits.substring(1) : digits.substring(0, 1);
    return mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
  }
}
