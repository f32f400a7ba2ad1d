package org.nsbed.provisioner.experiment;

import java.util.ArrayList;
import java.util.List;
import org.nsbed.interpreter.ParseResult;
import org.nsbed.interpreter.ir.Diagnostic;
import org.nsbed.interpreter.ir.VirtualNode;

/**
 * The lengths the database stores, checked where the values come in (the NS file, the command
 * line) so that a value too long is the user's error naming the file and line or the option,
 * never a database error in the middle of a swap-in. The numbers are the column sizes of the
 * Flyway migrations (both vendors).
 */
public final class ExperimentLimits {

  /** A virtual node's name ({@code experiment_nodes.vname}, {@code nodes.vname}). */
  public static final int NODE_NAME = 64;

  /** An experiment's description ({@code experiments.description}, {@code startexp -E}). */
  public static final int DESCRIPTION = 255;

  /** Why a node is down ({@code nodes.down_reason}, {@code node down --reason}). */
  public static final int DOWN_REASON = 2000;

  private ExperimentLimits() {}

  /**
   * {@code result} with an error for every value of its IR the database could not store, at the
   * line that made it; {@code result} itself when there is none.
   */
  public static ParseResult check(ParseResult result) {
    List<Diagnostic> extra = new ArrayList<>();
    for (VirtualNode n : result.ir().nodes()) {
      if (n.name().length() > NODE_NAME) {
        extra.add(new Diagnostic(Diagnostic.ERROR, "node", "node name '" + n.name().substring(0, 20) + "...' is "
            + n.name().length() + " characters long; nsbed stores at most " + NODE_NAME, result.source(),
            Math.max(n.line(), 1), 1));
      }
    }
    if (extra.isEmpty()) {
      return result;
    }
    List<Diagnostic> all = new ArrayList<>(result.diagnostics());
    all.addAll(extra);
    return ParseResult.of(result.source(), result.ir(), all, result.output());
  }

  /**
   * Checks a text option against its column size.
   *
   * @throws IllegalArgumentException naming {@code what}, its length and the limit
   */
  public static void checkLength(String what, String value, int max) {
    if (value != null && value.length() > max) {
      throw new IllegalArgumentException(what + " is " + value.length() + " characters long; at most " + max
          + " are stored");
    }
  }
}
