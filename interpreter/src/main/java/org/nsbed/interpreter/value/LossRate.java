package org.nsbed.interpreter.value;

import java.util.regex.Pattern;

/**
 * Packet loss rates: a plain decimal that is 0 or within [0.000005, 1]. A link- or LAN-wide rate
 * is applied to each direction of each member as {@code 1 - sqrt(1 - p)}, so that the rate over
 * the whole path (two hops) is {@code p}.
 */
public final class LossRate {

  private static final Pattern FORM = Pattern.compile("^[0-9]+(\\.[0-9]+)?$|^\\.[0-9]+$");

  private LossRate() {}

  /**
   * The loss rate.
   *
   * @throws ValueException if it is not a plain decimal, or not 0 and outside [0.000005, 1]
   */
  public static double parse(String text) throws ValueException {
    String t = text.trim();
    if (!FORM.matcher(t).matches()) {
      throw new ValueException(text + " is not a valid loss rate.");
    }
    double p = Double.parseDouble(t);
    if (p != 0 && (p < 0.000005 || p > 1.0)) {
      throw new ValueException(text + " is not a valid loss rate.");
    }
    return p;
  }

  /** The per-direction rate of a link- or LAN-wide rate {@code p}. */
  public static double perDirection(double p) {
    return 1 - Math.sqrt(1 - p);
  }
}
