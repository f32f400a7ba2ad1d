package org.nsbed.interpreter.evaluation;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import tcl.lang.Command;
import tcl.lang.Interp;
import tcl.lang.TclException;
import tcl.lang.TclObject;

/**
 * Tcl's {@code unknown}: every command that does not exist is an error, as in the reference, but
 * the message helps: a misspelled {@code tb-*} command gets a suggestion, a removed one says so,
 * and a Tcl 8.5/8.6 command that NS files have no use for (coroutines, channels, TclOO) is named
 * as such.
 */
final class UnknownCommand implements Command {

  private static final Map<String, String> REMOVED = Map.of(
      "tb-set-node-deltas", "tb-set-node-deltas no longer exists (deltas were replaced by tarfiles and RPMs)",
      "tb-set-sim-os", "tb-set-sim-os exists only in ns-2's nstb_compat.tcl, not in testbed NS files");
  private static final Set<String> NEWER_TCL = Set.of("chan", "coroutine", "yield", "yieldto", "tailcall", "zlib",
      "oo::class", "oo::object", "oo::define", "refchan", "tcl::prefix", "lpop", "lremove", "lseq");

  private final Collection<String> suggestions;

  UnknownCommand(Collection<String> suggestions) {
    this.suggestions = suggestions;
  }

  @Override
  public void cmdProc(Interp interp, TclObject[] argv) throws TclException {
    String name = argv.length > 1 ? argv[1].toString() : "";
    StringBuilder call = new StringBuilder();
    for (int i = 1; i < argv.length; i++) {
      call.append(i > 1 ? " " : "").append(argv[i]);
    }
    throw new TclException(interp, message(name, call.toString()));
  }

  private String message(String name, String call) {
    if (REMOVED.containsKey(name)) {
      return "Unknown command: " + REMOVED.get(name) + ".";
    }
    if (NEWER_TCL.contains(name)) {
      return "Unknown command: " + name + " (NS files have the Tcl 8.6 commands for computing values, lists and "
          + "dicts, but no " + name + ").";
    }
    String suggestion = closest(name);
    String shown = call.length() > 80 ? call.substring(0, 77) + "..." : call;
    return "Unknown command: " + shown + (suggestion != null ? " (did you mean " + suggestion + "?)" : "");
  }

  /** The known command nearest to {@code name} by edit distance, if near enough to be a typo. */
  private String closest(String name) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : suggestions) {
      int d = distance(name, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    int allowed = name.startsWith("tb-") ? Math.max(2, name.length() / 4) : 2;
    return bestDistance <= allowed ? best : null;
  }

  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        row[j] = Math.min(Math.min(row[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] t = previous;
      previous = row;
      row = t;
    }
    return previous[b.length()];
  }
}
