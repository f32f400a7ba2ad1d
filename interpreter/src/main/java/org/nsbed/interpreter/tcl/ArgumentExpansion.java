package org.nsbed.interpreter.tcl;

import java.util.ArrayList;
import java.util.List;
import tcl.lang.Interp;
import tcl.lang.TclException;
import tcl.lang.TclList;
import tcl.lang.TclObject;
import tcl.lang.TclString;

/**
 * Tcl 8.5's argument expansion, {@code cmd a {*}$list b}: the words of {@code $list} become
 * separate arguments. Jacl's parser has no such syntax, so a script about to be evaluated is
 * rewritten first: a command with an expanded word becomes
 * {@code ::nsbed::expand MASK cmd a $list b}, where MASK marks the words to expand, and that
 * command builds the real argument list and invokes it. Only the script being evaluated and its
 * command substitutions are rewritten; braced words (loop and proc bodies) are rewritten when
 * they in turn are evaluated, so a {@code {*}} in braced data is left alone, as in Tcl.
 */
public final class ArgumentExpansion {

  /** The command the rewritten scripts call. */
  public static final String COMMAND = "::nsbed::expand";

  private ArgumentExpansion() {}

  /** The script with its expansions rewritten (the same string if it has none). */
  public static String rewrite(String script) {
    if (!script.contains("{*}")) {
      return script;
    }
    StringBuilder out = new StringBuilder(script.length() + 32);
    new Scanner(script, out).script(0, false);
    return out.toString();
  }

  /**
   * The command as written, from its rewritten form (for finding a failed command's line in the
   * file); other text is returned as it is.
   */
  public static String original(String command) {
    String prefix = COMMAND + " ";
    int maskEnd = command.indexOf(' ', prefix.length());
    if (!command.startsWith(prefix) || maskEnd < 0) {
      return command;
    }
    String mask = command.substring(prefix.length(), maskEnd);
    String words = command.substring(maskEnd + 1);
    StringBuilder out = new StringBuilder(command.length());
    Scanner scanner = new Scanner(words, out);
    int i = 0;
    for (int w = 0; i < words.length(); w++) {
      if (w < mask.length() && mask.charAt(w) == '1') {
        out.append("{*}");
      }
      int before = i;
      i = scanner.copySeparators(scanner.word(i, false), false);
      if (i == before) {
        out.append(words, i, words.length());
        break;
      }
    }
    return out.toString();
  }

  /** Installs {@link #COMMAND}. */
  static void install(Interp interp) throws TclException {
    interp.eval("namespace eval ::nsbed {}");
    interp.createCommand(COMMAND, (in, argv) -> {
      if (argv.length < 3) {
        throw new TclException(in, "wrong # args: should be \"" + COMMAND + " mask command ?arg ...?\"");
      }
      String mask = argv[1].toString();
      TclObject call = TclList.newInstance();
      for (int i = 2; i < argv.length; i++) {
        if (i - 2 < mask.length() && mask.charAt(i - 2) == '1') {
          TclObject[] words = TclList.getElements(in, argv[i]);
          TclList.append(in, call, words, 0, words.length);
        } else {
          TclList.append(in, call, argv[i]);
        }
      }
      if (TclList.getLength(in, call) == 0) {
        in.resetResult();
        return;
      }
      in.eval(call, 0);
    });
  }

  /** Reads one level of a script (and its command substitutions), copying it with rewrites. */
  private static final class Scanner {
    private final String s;
    private final StringBuilder out;
    private final int n;

    Scanner(String s, StringBuilder out) {
      this.s = s;
      this.out = out;
      this.n = s.length();
    }

    /** Copies commands from {@code i} to the end, or to the ']' closing a substitution. */
    int script(int i, boolean inBracket) {
      while (i < n) {
        i = copySeparators(i, true);
        if (i >= n || (inBracket && s.charAt(i) == ']')) {
          return i;
        }
        if (s.charAt(i) == '#') {
          i = comment(i);
          continue;
        }
        i = command(i, inBracket);
      }
      return i;
    }

    private int copySeparators(int i, boolean commandEnds) {
      while (i < n) {
        char c = s.charAt(i);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B' || (commandEnds && (c == '\n' || c == ';'))) {
          out.append(c);
          i++;
        } else if (c == '\\' && i + 1 < n && s.charAt(i + 1) == '\n') {
          out.append("\\\n");
          i += 2;
        } else {
          break;
        }
      }
      return i;
    }

    private int comment(int i) {
      while (i < n && s.charAt(i) != '\n') {
        if (s.charAt(i) == '\\' && i + 1 < n) {
          out.append(s, i, i + 2);
          i += 2;
        } else {
          out.append(s.charAt(i++));
        }
      }
      return i;
    }

    private int command(int i, boolean inBracket) {
      List<String> words = new ArrayList<>();
      List<String> gaps = new ArrayList<>();
      StringBuilder mask = new StringBuilder();
      StringBuilder saved = new StringBuilder();
      while (i < n) {
        char c = s.charAt(i);
        if (c == '\n' || c == ';' || (inBracket && c == ']')) {
          break;
        }
        boolean expand = s.startsWith("{*}", i) && i + 3 < n && !separator(s.charAt(i + 3), inBracket);
        if (expand) {
          i += 3;
        }
        mask.append(expand ? '1' : '0');
        int start = out.length();
        i = word(i, inBracket);
        words.add(out.substring(start));
        out.setLength(start);
        int gapStart = out.length();
        i = copySeparators(i, false);
        gaps.add(out.substring(gapStart));
        out.setLength(gapStart);
      }
      saved.setLength(0);
      if (mask.indexOf("1") >= 0) {
        saved.append(COMMAND).append(' ').append(mask).append(' ');
      }
      for (int w = 0; w < words.size(); w++) {
        saved.append(words.get(w)).append(gaps.get(w));
      }
      out.append(saved);
      return i;
    }

    private boolean separator(char c, boolean inBracket) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || (inBracket && c == ']');
    }

    /** Copies one word (with its command substitutions rewritten). */
    private int word(int i, boolean inBracket) {
      char c = s.charAt(i);
      if (c == '{') {
        int close = Substitution.closeBrace(s, i);
        int end = close < 0 ? n : close + 1;
        out.append(s, i, end);
        i = end;
      } else if (c == '"') {
        out.append('"');
        i++;
        while (i < n && s.charAt(i) != '"') {
          i = unit(i);
        }
        if (i < n) {
          out.append('"');
          i++;
        }
      }
      while (i < n && !separator(s.charAt(i), inBracket)) {
        i = unit(i);
      }
      return i;
    }

    /** Copies one character, escape, braced variable name or command substitution. */
    private int unit(int i) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < n) {
        out.append(s, i, i + 2);
        return i + 2;
      }
      if (c == '$' && i + 1 < n && s.charAt(i + 1) == '{') {
        int close = s.indexOf('}', i);
        int end = close < 0 ? n : close + 1;
        out.append(s, i, end);
        return end;
      }
      if (c == '[') {
        out.append('[');
        int close = script(i + 1, true);
        if (close < n) {
          out.append(']');
          return close + 1;
        }
        return close;
      }
      out.append(c);
      return i + 1;
    }
  }
}
