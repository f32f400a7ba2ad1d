package org.nsbed.interpreter.value;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Event times: a plain number of seconds ({@code 12}, {@code 1.5}, {@code .5}) or {@code [Nh][Nm][Ns]}. */
public final class TimeSpec {

  private static final Pattern PLAIN = Pattern.compile("^[0-9]*\\.?[0-9]+$|^[0-9]+\\.$");
  private static final Pattern HMS = Pattern.compile("^(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?$");

  private TimeSpec() {}

  /**
   * The time in seconds.
   *
   * @throws ValueException for any other form ("Invalid time spec: X")
   */
  public static double parseSeconds(String text) throws ValueException {
    String t = text.trim();
    if (PLAIN.matcher(t).matches()) {
      return Double.parseDouble(t);
    }
    Matcher m = HMS.matcher(t);
    if (!t.isEmpty() && m.matches()) {
      long seconds = 0;
      if (m.group(1) != null) {
        seconds += Long.parseLong(m.group(1)) * 3600;
      }
      if (m.group(2) != null) {
        seconds += Long.parseLong(m.group(2)) * 60;
      }
      if (m.group(3) != null) {
        seconds += Long.parseLong(m.group(3));
      }
      return seconds;
    }
    throw new ValueException("Invalid time spec: " + text);
  }
}
