package org.nsbed.interpreter.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nsbed.grammar.ScriptCommand;
import org.nsbed.grammar.SourcePosition;
import org.nsbed.grammar.TclScript;
import org.nsbed.grammar.Word;
import org.nsbed.grammar.WordKind;
import org.nsbed.interpreter.ns.Locator;
import org.nsbed.interpreter.tcl.ArgumentExpansion;
import tcl.lang.Interp;
import tcl.lang.TclException;
import tcl.lang.TclList;
import tcl.lang.TclObject;

/**
 * Finds the line of the command being executed. Top-level commands are evaluated one at a time,
 * so the enclosing top-level command is always known; a command run inside a loop body or a proc
 * is found among the commands written there (the grammar's source map) by matching its literal
 * words against the evaluated arguments. Tcl errors are placed with the command text and the
 * "body line N" offsets of the error trace.
 */
final class SourceLocator implements Locator {

  private static final Pattern FAILED_COMMAND =
      Pattern.compile("(?:while executing|invoked from within)\\n\"(.*?)\"\\n(?:    [(i]|\\z)", Pattern.DOTALL);
  private static final Pattern PROCEDURE = Pattern.compile("\\(procedure \"([^\"]+)\" line (\\d+)\\)");
  private static final Pattern BODY_LINE = Pattern.compile("\\n    \\((?:\"[^\"]*\" [a-z ]+|procedure \"[^\"]*\") line (\\d+)\\)");

  private final Interp interp;
  private final TclScript script;
  private final List<ScriptCommand> top;
  private final List<ScriptCommand> all;
  private final String[][] shapes;
  private final boolean[] shaped;
  private Map<String, int[]> procBodies;
  private int current = -1;
  private int cursor;

  SourceLocator(Interp interp, TclScript script) {
    this.interp = interp;
    this.script = script;
    this.top = script.commands();
    this.all = script.allCommands();
    this.shapes = new String[all.size()][];
    this.shaped = new boolean[all.size()];
  }

  /** Makes top-level command {@code index} the current one. */
  void enter(int index) {
    current = index;
    cursor = range(index)[0];
  }

  @Override
  public SourcePosition topLevel() {
    if (current < 0 || current >= top.size()) {
      return new SourcePosition(script.file(), 1, 1);
    }
    return top.get(current).position();
  }

  /** The name of the top-level command being evaluated, or null if it is computed ({@code $ns}). */
  String topLevelName() {
    if (current < 0 || current >= top.size()) {
      return null;
    }
    return top.get(current).words().get(0).literal().orElse(null);
  }

  @Override
  public SourcePosition locate(TclObject[] argv) {
    if (current < 0) {
      return topLevel();
    }
    String proc = currentProc();
    if (proc != null) {
      int[] body = procBody(proc);
      if (body != null) {
        int found = match(body, argv);
        if (found >= 0) {
          return all.get(found).position();
        }
      }
    }
    int[] range = range(current);
    int found = match(range, argv);
    if (found >= 0) {
      cursor = found;
      return all.get(found).position();
    }
    return topLevel();
  }

  /**
   * The position of the command a Tcl error trace ({@code errorInfo}) points at: the innermost
   * command of the trace that is written in the file (a command built at run time, e.g. by
   * {@code eval}, is placed at the command that ran it).
   */
  SourcePosition locateError(String errorInfo) {
    if (current < 0) {
      return topLevel();
    }
    Matcher failed = FAILED_COMMAND.matcher(errorInfo);
    int from = 0;
    while (failed.find(from)) {
      String rest = errorInfo.substring(failed.end(1));
      SourcePosition found = find(ArgumentExpansion.original(failed.group(1)), rest);
      if (found != null) {
        return found;
      }
      from = failed.end(1);
    }
    return topLevel();
  }

  /** The command with this text, in the proc the trace names next or else the top-level command. */
  private SourcePosition find(String text, String rest) {
    int[] region = range(current);
    Matcher proc = PROCEDURE.matcher(rest);
    if (proc.find()) {
      int[] body = procBody(proc.group(1));
      if (body != null) {
        region = body;
      }
    }
    List<Integer> candidates = new ArrayList<>();
    boolean truncated = text.endsWith("...");
    String prefix = truncated ? text.substring(0, text.length() - 3) : text;
    for (int i = region[0]; i < region[1]; i++) {
      String t = all.get(i).text();
      if (truncated ? t.startsWith(prefix) : t.equals(text)) {
        candidates.add(i);
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    if (candidates.size() > 1) {
      Matcher line = BODY_LINE.matcher(rest);
      if (line.find()) {
        int relative = Integer.parseInt(line.group(1));
        for (int c : candidates) {
          Optional<Word> enclosing = enclosingBody(all.get(c).startOffset());
          if (enclosing.isPresent()
              && all.get(c).position().line() - enclosing.get().position().line() + 1 == relative) {
            return all.get(c).position();
          }
        }
      }
    }
    return all.get(candidates.get(0)).position();
  }

  /** The innermost braced word (loop or proc body) that contains {@code offset}. */
  private Optional<Word> enclosingBody(int offset) {
    Word best = null;
    for (ScriptCommand c : all) {
      if (c.startOffset() >= offset) {
        break;
      }
      for (Word w : c.words()) {
        if (w.kind() == WordKind.BRACED && w.startOffset() < offset && offset < w.endOffset()
            && (best == null || w.startOffset() > best.startOffset())) {
          best = w;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** Indexes {@code [from, to)} of {@code all} that lie within top-level command {@code index}. */
  private int[] range(int index) {
    ScriptCommand t = top.get(index);
    return new int[] {lowerBound(t.startOffset()), lowerBound(t.endOffset())};
  }

  private int lowerBound(int offset) {
    int lo = 0;
    int hi = all.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (all.get(mid).startOffset() < offset) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The first command in the range matching {@code argv}, searching from the cursor on. */
  private int match(int[] range, TclObject[] argv) {
    int start = Math.max(range[0], Math.min(cursor, range[1]));
    for (int i = start; i < range[1]; i++) {
      if (matches(i, argv)) {
        return i;
      }
    }
    for (int i = range[0]; i < start; i++) {
      if (matches(i, argv)) {
        return i;
      }
    }
    return -1;
  }

  private boolean matches(int index, TclObject[] argv) {
    String[] shape = shape(index);
    if (shape.length != argv.length) {
      return false;
    }
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] != null && !shape[i].equals(argv[i].toString())) {
        return false;
      }
    }
    return true;
  }

  /** The literal value of each word of command {@code index}; null where a substitution decides. */
  private String[] shape(int index) {
    if (!shaped[index]) {
      List<Word> words = all.get(index).words();
      String[] s = new String[words.size()];
      for (int i = 0; i < s.length; i++) {
        s[i] = words.get(i).literal().orElse(null);
      }
      shapes[index] = s;
      shaped[index] = true;
    }
    return shapes[index];
  }

  /** The name of the proc being executed, or null at global level. */
  private String currentProc() {
    try {
      interp.eval("info level");
      if (interp.getResult().toString().equals("0")) {
        return null;
      }
      interp.eval("info level 0");
      TclObject call = interp.getResult();
      return TclList.getLength(interp, call) > 0 ? TclList.index(interp, call, 0).toString() : null;
    } catch (TclException e) {
      return null;
    }
  }

  /** The range of {@code all} holding the body of proc {@code name}, or null if it is not in the file. */
  private int[] procBody(String name) {
    if (procBodies == null) {
      procBodies = new HashMap<>();
      for (ScriptCommand c : all) {
        List<Word> w = c.words();
        if (w.size() == 4 && "proc".equals(c.name()) && w.get(1).literal().isPresent()) {
          Word body = w.get(3);
          String procName = w.get(1).literal().get();
          procBodies.put(procName.startsWith("::") ? procName.substring(2) : procName,
              new int[] {lowerBound(body.startOffset() + 1), lowerBound(body.endOffset())});
        }
      }
    }
    return procBodies.get(name.startsWith("::") ? name.substring(2) : name);
  }
}
