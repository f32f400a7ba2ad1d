package org.nsbed.interpreter.value;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Delay values ({@code 10ms}, {@code 0.5s}, {@code .1ms}, {@code 30}) as the reference's
 * {@code parse_delay} reads them: seconds by default, {@code ms}, or {@code ns} (which the
 * reference divides by 1000, i.e. treats like microseconds); the result is whole milliseconds.
 */
public final class Delay {

  private static final Pattern FORM = Pattern.compile("^\\s*([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(\\S*)\\s*$");

  private Delay() {}

  /**
   * The delay in whole milliseconds.
   *
   * @param thresholdMs smallest non-zero delay allowed
   * @throws ValueException for a malformed value, an unknown unit, or a non-zero delay below the
   *     threshold
   */
  public static int parseMs(String text, int thresholdMs) throws ValueException {
    double ms = parseRawMs(text);
    checkThreshold(ms, thresholdMs);
    return (int) ms;
  }

  /**
   * The delay in milliseconds before truncation and without the threshold check.
   *
   * @throws ValueException for a malformed value or an unknown unit
   */
  public static double parseRawMs(String text) throws ValueException {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new ValueException("'" + text + "' is not a delay (a number and a unit such as 10ms).");
    }
    double value = Double.parseDouble(m.group(1));
    double ms = switch (m.group(2)) {
      case "", "s" -> value * 1000;
      case "ms" -> value;
      case "ns" -> value / 1000;
      default -> throw new ValueException("Unknown delay unit " + m.group(2) + ".");
    };
    if (ms > Integer.MAX_VALUE) {
      throw new ValueException("The delay " + text + " is out of range.");
    }
    return ms;
  }

  /**
   * Rejects a non-zero delay below the threshold.
   *
   * @throws ValueException "The delay of Xms is invalid, it must be either 0 or at least Nms."
   */
  public static void checkThreshold(double ms, int thresholdMs) throws ValueException {
    if (ms != 0 && ms < thresholdMs) {
      throw new ValueException("The delay of " + TclNumbers.format(ms) + "ms is invalid, it must be either 0 or at least "
          + thresholdMs + "ms.");
    }
  }
}
