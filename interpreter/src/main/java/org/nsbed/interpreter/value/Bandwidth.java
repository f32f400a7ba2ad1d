package org.nsbed.interpreter.value;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bandwidth values ({@code 100Mb}, {@code 1.5Mbps}, {@code 100000.0kb}, {@code *}) as the
 * reference's {@code parse_bw} reads them: a number and an optional unit, converted to kbit/s and
 * truncated to an integer.
 */
public final class Bandwidth {

  private static final Pattern FORM = Pattern.compile("^\\s*([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(\\S*)\\s*$");

  private Bandwidth() {}

  /**
   * The bandwidth in kbit/s; {@code *} is 0 ("let the mapper choose").
   *
   * @throws ValueException for a malformed number or an unknown unit
   */
  public static int parseKbps(String text) throws ValueException {
    if (text.trim().equals("*")) {
      return 0;
    }
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new ValueException("'" + text + "' is not a bandwidth (a number and a unit such as 100Mb).");
    }
    double value = Double.parseDouble(m.group(1));
    double kbps = switch (m.group(2)) {
      case "", "b", "bps" -> value / 1000;
      case "k", "kb", "kbps", "K", "Kb", "Kbps" -> value;
      case "M", "Mb", "Mbps" -> value * 1000;
      case "G", "Gb", "Gbps" -> value * 1_000_000;
      default -> throw new ValueException("Unknown bandwidth unit " + m.group(2) + ".");
    };
    if (kbps > Integer.MAX_VALUE) {
      throw new ValueException("Bandwidth " + text + " is out of range.");
    }
    return (int) kbps;
  }
}
