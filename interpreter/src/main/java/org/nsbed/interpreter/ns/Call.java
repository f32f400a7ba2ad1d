package org.nsbed.interpreter.ns;

import java.util.Arrays;
import org.nsbed.grammar.SourcePosition;
import org.nsbed.interpreter.value.Bandwidth;
import org.nsbed.interpreter.value.Delay;
import org.nsbed.interpreter.value.LossRate;
import org.nsbed.interpreter.value.ValueException;
import tcl.lang.TclObject;

/**
 * One invocation of an NS command or method: its arguments, its name for diagnostics and, found
 * only when needed, its place in the file. Argument helpers turn bad input into {@link NsError}s
 * phrased like the reference's ({@code X is not a node.}).
 */
public final class Call {

  private final NsSession session;
  private final String command;
  private final TclObject[] argv;
  private final int first;
  private SourcePosition position;

  Call(NsSession session, String command, TclObject[] argv, int first) {
    this.session = session;
    this.command = command;
    this.argv = argv;
    this.first = first;
  }

  /** The command name used in diagnostics ({@code tb-set-node-os}, {@code duplex-link}, ...). */
  public String command() {
    return command;
  }

  /** The session the command runs in. */
  public NsSession session() {
    return session;
  }

  /** Number of arguments (after the command and, for methods, the method name). */
  public int count() {
    return argv.length - first;
  }

  /** Argument {@code i} (0-based). */
  public String arg(int i) {
    return argv[first + i].toString();
  }

  /** Argument {@code i} as a Tcl object. */
  public TclObject tclArg(int i) {
    return argv[first + i];
  }

  /** Arguments from {@code i} on. */
  public String[] argsFrom(int i) {
    return Arrays.stream(argv, first + i, argv.length).map(TclObject::toString).toArray(String[]::new);
  }

  /** Where this command is in the NS file. */
  public SourcePosition position() {
    if (position == null) {
      position = session.locate(argv);
    }
    return position;
  }

  /** A user error of this command. */
  public NsError error(String message) {
    return new NsError(message);
  }

  /** Records a warning for this command; evaluation is not affected. */
  public void warn(String message) {
    session.warning(command, message, position());
  }

  /** Fails unless the argument count is within bounds. */
  public void arity(int min, int max, String usage) throws NsError {
    if (count() < min || count() > max) {
      throw error("wrong number of arguments; usage: " + usage);
    }
  }

  /** Argument {@code i} as an NS object, or an error naming what was expected. */
  public NsObject object(int i, String expected) throws NsError {
    NsObject o = session.object(arg(i));
    if (o == null) {
      throw error(describe(arg(i)) + " is not " + expected + ".");
    }
    return o;
  }

  /** Argument {@code i} as a node or bridge. */
  public NsNode node(int i) throws NsError {
    if (session.object(arg(i)) instanceof NsNode n) {
      return n;
    }
    throw error(describe(arg(i)) + " is not a node.");
  }

  /** Argument {@code i} as a link or LAN. */
  public LanLink lanLink(int i) throws NsError {
    if (session.object(arg(i)) instanceof LanLink l) {
      return l;
    }
    throw error(describe(arg(i)) + " is not a link or LAN.");
  }

  /** Argument {@code i} as a link (not a LAN). */
  public LanLink link(int i) throws NsError {
    if (session.object(arg(i)) instanceof LanLink l && !l.isLan()) {
      return l;
    }
    throw error(describe(arg(i)) + " is not a link.");
  }

  /** Argument {@code i} as a LAN (not a link). */
  public LanLink lan(int i) throws NsError {
    if (session.object(arg(i)) instanceof LanLink l && l.isLan()) {
      return l;
    }
    throw error(describe(arg(i)) + " is not a LAN.");
  }

  /** Argument {@code i} as bandwidth in kbit/s. */
  public int bandwidth(int i) throws NsError {
    try {
      return Bandwidth.parseKbps(arg(i));
    } catch (ValueException e) {
      throw error(e.getMessage());
    }
  }

  /** Argument {@code i} as delay in whole ms, checked against the delay threshold. */
  public int delay(int i) throws NsError {
    try {
      return Delay.parseMs(arg(i), session.delayThresholdMs());
    } catch (ValueException e) {
      throw error(e.getMessage());
    }
  }

  /**
   * Argument {@code i} as the bandwidth of a link or LAN. A bad value is reported and
   * {@code fallback} returned, so the link is still created and later commands find it.
   */
  public int linkBandwidth(int i, int fallback) {
    int kbps;
    try {
      kbps = Bandwidth.parseKbps(arg(i));
    } catch (ValueException e) {
      report(e.getMessage());
      return fallback;
    }
    int limit = session.settings().bandwidthLimitKbps();
    if (kbps > limit) {
      report("Bandwidth requested (" + kbps + ") exceeds maximum of " + limit + " kbps!");
    } else if (kbps != 0 && kbps < 10) {
      report("Bandwidth of " + kbps + " Kbs is too low.");
    }
    return kbps;
  }

  /**
   * Argument {@code i} as the delay of a link or LAN in whole ms. A bad value is reported (the
   * value below the threshold is still used, as the reference does).
   */
  public int linkDelay(int i) {
    double ms;
    try {
      ms = Delay.parseRawMs(arg(i));
    } catch (ValueException e) {
      report(e.getMessage());
      return 0;
    }
    try {
      Delay.checkThreshold(ms, session.delayThresholdMs());
    } catch (ValueException e) {
      report(e.getMessage());
    }
    return (int) ms;
  }

  /** Records an error of this command without stopping it. */
  public void report(String message) {
    session.error(command, message, position());
  }

  /** Argument {@code i} as a loss rate. */
  public double loss(int i) throws NsError {
    try {
      return LossRate.parse(arg(i));
    } catch (ValueException e) {
      throw error(e.getMessage());
    }
  }

  /** Argument {@code i} as an integer. */
  public int integer(int i) throws NsError {
    try {
      return Integer.parseInt(arg(i).trim());
    } catch (NumberFormatException e) {
      throw error("'" + arg(i) + "' is not an integer.");
    }
  }

  /** Argument {@code i} as a number. */
  public double number(int i) throws NsError {
    try {
      return Double.parseDouble(arg(i).trim());
    } catch (NumberFormatException e) {
      throw error("'" + arg(i) + "' is not a number.");
    }
  }

  /** Argument {@code i} as 0 or 1 (also true/false, yes/no, on/off). */
  public boolean onOff(int i) throws NsError {
    return switch (arg(i).trim().toLowerCase(java.util.Locale.ROOT)) {
      case "1", "true", "yes", "on" -> true;
      case "0", "false", "no", "off" -> false;
      default -> throw error("'" + arg(i) + "' must be 0 or 1.");
    };
  }

  /** Argument {@code i}, which must be one of {@code allowed}. */
  public String oneOf(int i, String what, String... allowed) throws NsError {
    String v = arg(i);
    for (String a : allowed) {
      if (a.equals(v)) {
        return v;
      }
    }
    throw error(what + " '" + v + "' must be one of " + String.join("|", allowed) + ".");
  }

  private static String describe(String arg) {
    return arg.isEmpty() ? "(empty)" : arg;
  }
}
