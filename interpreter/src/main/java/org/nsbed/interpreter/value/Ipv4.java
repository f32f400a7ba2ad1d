package org.nsbed.interpreter.value;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dotted-quad IPv4 addresses and netmasks as 32-bit values.
 *
 * <p>The reference accepts any four groups of 1-3 digits (so {@code 10.1.1.300} passes); nsbed
 * also requires each octet to be at most 255, because such an address cannot be configured.
 */
public final class Ipv4 {

  private static final Pattern FORM = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");

  private Ipv4() {}

  /**
   * The address as an unsigned 32-bit value in a long.
   *
   * @throws ValueException if it is not a dotted quad of octets 0..255
   */
  public static long parse(String text) throws ValueException {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      throw new ValueException(text + " is not a valid IP address.");
    }
    long value = 0;
    for (int i = 1; i <= 4; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255) {
        throw new ValueException(text + " is not a valid IP address (octet " + octet + " is above 255).");
      }
      value = (value << 8) | octet;
    }
    return value;
  }

  /**
   * A netmask: a valid address whose top 16 bits are set and whose bits are contiguous.
   *
   * @throws ValueException otherwise ("... is too big" as the reference says for short masks)
   */
  public static long parseMask(String text) throws ValueException {
    long mask;
    try {
      mask = parse(text);
    } catch (ValueException e) {
      throw new ValueException(text + " is not a valid netmask.");
    }
    if ((mask & 0xFFFF0000L) != 0xFFFF0000L) {
      throw new ValueException("Netmask " + text + " is too big.");
    }
    long inverted = ~mask & 0xFFFFFFFFL;
    if ((inverted & (inverted + 1)) != 0) {
      throw new ValueException("Netmask " + text + " is not contiguous.");
    }
    return mask;
  }

  /** The dotted-quad form of a 32-bit value. */
  public static String format(long value) {
    return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
  }

  /** The number of leading one bits of a netmask. */
  public static int prefixLength(long mask) {
    return Long.bitCount(mask & 0xFFFFFFFFL);
  }

  /** The netmask with {@code bits} leading ones. */
  public static long maskOf(int bits) {
    return bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
  }
}
