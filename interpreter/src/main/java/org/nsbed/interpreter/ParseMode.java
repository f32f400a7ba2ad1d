package org.nsbed.interpreter;

/**
 * How far an NS file is checked ({@code nsbed parse --mode}; docs/ns-language.md, "Checking a
 * file").
 */
public enum ParseMode {
  /** Grammar only: unbalanced braces, quotes and brackets. */
  SYNTAX,
  /** Evaluate; no catalogue checks (the catalogue still supplies defaults). */
  PASS,
  /** Evaluate and check OS names and hardware types against the catalogue. */
  FULL;

  /** The spelling used on the command line. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The mode spelled {@code syntax}, {@code pass} or {@code full}. */
  public static ParseMode of(String label) {
    for (ParseMode m : values()) {
      if (m.label().equals(label)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown parse mode '" + label + "' (syntax, pass or full)");
  }
}
