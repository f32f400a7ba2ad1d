package org.nsbed.interpreter.tcl;

import java.util.Locale;
import tcl.lang.Command;
import tcl.lang.Interp;
import tcl.lang.TclException;
import tcl.lang.TclList;
import tcl.lang.TclObject;
import tcl.lang.TclString;
import tcl.lang.Util;

/**
 * {@code string} with the subcommands and options of Tcl 8.6 that Jacl lacks or reads
 * differently: cat, reverse, map, is, repeat (bounded), first and last with a start index,
 * equal and compare with {@code -nocase} and {@code -length}, match {@code -nocase}, and
 * {@code end-N} indexes in index and range. The other subcommands are Jacl's.
 */
final class StringCommand implements Command {

  /** The longest string one {@code string repeat} may build: a string bomb ends here. */
  static final long MAX_LENGTH = 1 << 26;

  private final Command jacl;

  private StringCommand(Command jacl) {
    this.jacl = jacl;
  }

  static void install(Interp interp) {
    interp.createCommand("string", new StringCommand(interp.getCommand("string")));
  }

  @Override
  public void cmdProc(Interp interp, TclObject[] argv) throws TclException {
    if (argv.length < 2) {
      throw new TclException(interp, "wrong # args: should be \"string subcommand ?arg ...?\"");
    }
    switch (argv[1].toString()) {
      case "cat" -> {
        StringBuilder b = new StringBuilder();
        for (int i = 2; i < argv.length; i++) {
          b.append(argv[i]);
        }
        interp.setResult(b.toString());
      }
      case "reverse" -> {
        args(interp, argv, 3, 3, "string reverse string");
        interp.setResult(new StringBuilder(argv[2].toString()).reverse().toString());
      }
      case "repeat" -> {
        args(interp, argv, 4, 4, "string repeat string count");
        int count = TclValues.intArg(interp, argv[3]);
        String s = argv[2].toString();
        if ((long) Math.max(count, 0) * s.length() > MAX_LENGTH) {
          throw new TclException(interp, "string repeat would build a string of " + (long) count * s.length()
              + " characters: more than the " + MAX_LENGTH + " an NS file may build at once");
        }
        interp.setResult(count <= 0 ? "" : s.repeat(count));
      }
      case "map" -> map(interp, argv);
      case "is" -> is(interp, argv);
      case "first", "last" -> firstOrLast(interp, argv);
      case "equal", "compare" -> compare(interp, argv);
      case "match" -> {
        boolean nocase = argv.length == 5 && argv[2].toString().equals("-nocase");
        if (argv.length != 4 && !nocase) {
          throw new TclException(interp, "wrong # args: should be \"string match ?-nocase? pattern string\"");
        }
        String pattern = argv[argv.length - 2].toString();
        String s = argv[argv.length - 1].toString();
        interp.setResult(nocase ? Util.stringMatch(s.toLowerCase(Locale.ROOT), pattern.toLowerCase(Locale.ROOT))
            : Util.stringMatch(s, pattern));
      }
      case "index" -> {
        args(interp, argv, 4, 4, "string index string charIndex");
        String s = argv[2].toString();
        int i = Indexes.index(interp, argv[3], s.length());
        interp.setResult(i < 0 || i >= s.length() ? "" : String.valueOf(s.charAt(i)));
      }
      case "range" -> {
        args(interp, argv, 5, 5, "string range string first last");
        String s = argv[2].toString();
        int first = Math.max(0, Indexes.index(interp, argv[3], s.length()));
        int last = Math.min(s.length() - 1, Indexes.index(interp, argv[4], s.length()));
        interp.setResult(first > last ? "" : s.substring(first, last + 1));
      }
      default -> jacl.cmdProc(interp, argv);
    }
  }

  private static void args(Interp interp, TclObject[] argv, int min, int max, String usage) throws TclException {
    if (argv.length < min || argv.length > max) {
      throw new TclException(interp, "wrong # args: should be \"" + usage + "\"");
    }
  }

  private static void map(Interp interp, TclObject[] argv) throws TclException {
    boolean nocase = argv.length == 5 && argv[2].toString().equals("-nocase");
    if (argv.length != 4 && !nocase) {
      throw new TclException(interp, "wrong # args: should be \"string map ?-nocase? charMap string\"");
    }
    TclObject[] pairs = TclList.getElements(interp, argv[argv.length - 2]);
    if (pairs.length % 2 != 0) {
      throw new TclException(interp, "char map list unbalanced");
    }
    String s = argv[argv.length - 1].toString();
    String[] keys = new String[pairs.length / 2];
    for (int k = 0; k < keys.length; k++) {
      keys[k] = pairs[2 * k].toString();
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    outer:
    while (i < s.length()) {
      for (int k = 0; k < keys.length; k++) {
        String key = keys[k];
        if (!key.isEmpty() && s.regionMatches(nocase, i, key, 0, key.length())) {
          out.append(pairs[2 * k + 1]);
          i += key.length();
          continue outer;
        }
      }
      out.append(s.charAt(i++));
    }
    interp.setResult(out.toString());
  }

  private static void firstOrLast(Interp interp, TclObject[] argv) throws TclException {
    boolean first = argv[1].toString().equals("first");
    if (argv.length != 4 && argv.length != 5) {
      throw new TclException(interp, "wrong # args: should be \"string " + argv[1] + " needleString haystackString "
          + (first ? "?startIndex?" : "?lastIndex?") + "\"");
    }
    String needle = argv[2].toString();
    String hay = argv[3].toString();
    int result;
    if (needle.isEmpty()) {
      result = -1;
    } else if (first) {
      int from = argv.length == 5 ? Math.max(0, Indexes.index(interp, argv[4], hay.length())) : 0;
      result = from > hay.length() ? -1 : hay.indexOf(needle, from);
    } else {
      int to = argv.length == 5 ? Indexes.index(interp, argv[4], hay.length()) : hay.length();
      // only the characters at or before the last index are searched
      result = to < 0 ? -1 : hay.lastIndexOf(needle, Math.min(to - needle.length() + 1, hay.length() - needle.length()));
    }
    interp.setResult(result);
  }

  private static void compare(Interp interp, TclObject[] argv) throws TclException {
    String sub = argv[1].toString();
    boolean nocase = false;
    int length = -1;
    int i = 2;
    while (i < argv.length - 2) {
      String opt = argv[i].toString();
      if (opt.equals("-nocase")) {
        nocase = true;
        i++;
      } else if (opt.equals("-length") && i + 1 < argv.length - 2) {
        length = TclValues.intArg(interp, argv[i + 1]);
        i += 2;
      } else {
        throw new TclException(interp, "bad option \"" + opt + "\": must be -nocase or -length");
      }
    }
    if (argv.length - i != 2) {
      throw new TclException(interp, "wrong # args: should be \"string " + sub + " ?-nocase? ?-length int? string1 "
          + "string2\"");
    }
    String a = argv[i].toString();
    String b = argv[i + 1].toString();
    if (length >= 0) {
      a = a.substring(0, Math.min(length, a.length()));
      b = b.substring(0, Math.min(length, b.length()));
    }
    if (nocase) {
      a = a.toLowerCase(Locale.ROOT);
      b = b.toLowerCase(Locale.ROOT);
    }
    int c = Integer.signum(a.compareTo(b));
    if (sub.equals("equal")) {
      interp.setResult(c == 0);
    } else {
      interp.setResult(c);
    }
  }

  private static final String CLASSES = "alnum, alpha, ascii, control, boolean, digit, double, entier, false, "
      + "graph, integer, list, lower, print, punct, space, true, upper, wideinteger, wordchar, or xdigit";

  private static void is(Interp interp, TclObject[] argv) throws TclException {
    if (argv.length < 4) {
      throw new TclException(interp, "wrong # args: should be \"string is class ?-strict? ?-failindex var? str\"");
    }
    String cls = argv[2].toString();
    boolean strict = false;
    String failVar = null;
    int i = 3;
    while (i < argv.length - 1) {
      String opt = argv[i].toString();
      if (opt.equals("-strict")) {
        strict = true;
        i++;
      } else if (opt.equals("-failindex") && i + 1 < argv.length - 1) {
        failVar = argv[i + 1].toString();
        i += 2;
      } else {
        throw new TclException(interp, "bad option \"" + opt + "\": must be -strict or -failindex");
      }
    }
    if (i != argv.length - 1) {
      throw new TclException(interp, "wrong # args: should be \"string is class ?-strict? ?-failindex var? str\"");
    }
    String s = argv[i].toString();
    int failed = -1;
    boolean ok;
    if (s.isEmpty() && !cls.equals("list")) {
      ok = !strict;
      if (!CLASSES.contains(cls + ",") && !CLASSES.endsWith(" " + cls)) {
        charIs(interp, cls, ' ');
      }
    } else {
      switch (cls) {
        case "integer", "wideinteger", "entier" -> {
          Object n = TclValues.parseNumber(s);
          boolean integer = n instanceof Long || n instanceof java.math.BigInteger;
          long bits = integer ? TclValues.big((Number) n).bitLength() : Long.MAX_VALUE;
          ok = integer && (cls.equals("entier") || bits < (cls.equals("integer") ? 32 : 64));
          failed = ok ? -1 : 0;
        }
        case "double" -> {
          ok = TclValues.numberOrNull(s) != null;
          failed = ok ? -1 : 0;
        }
        case "boolean", "true", "false" -> {
          Boolean b = TclValues.strictBooleanOrNull(s);
          ok = b != null && (cls.equals("boolean") || b == cls.equals("true"));
          failed = ok ? -1 : 0;
        }
        case "list" -> {
          try {
            TclList.getElements(interp, TclString.newInstance(s));
            ok = true;
          } catch (TclException e) {
            interp.resetResult();
            ok = false;
            failed = 0;
          }
        }
        default -> {
          failed = -1;
          for (int k = 0; k < s.length() && failed < 0; k++) {
            if (!charIs(interp, cls, s.charAt(k))) {
              failed = k;
            }
          }
          ok = failed < 0;
        }
      }
    }
    if (!ok && failVar != null) {
      interp.setVar(failVar, null, TclString.newInstance(Integer.toString(Math.max(failed, 0))), 0);
    }
    interp.setResult(ok);
  }

  private static boolean charIs(Interp interp, String cls, char c) throws TclException {
    return switch (cls) {
      case "alnum" -> Character.isLetterOrDigit(c);
      case "alpha" -> Character.isLetter(c);
      case "ascii" -> c < 128;
      case "control" -> Character.isISOControl(c);
      case "digit" -> Character.isDigit(c);
      case "graph" -> !Character.isWhitespace(c) && !Character.isISOControl(c) && c != ' ';
      case "lower" -> Character.isLowerCase(c);
      case "upper" -> Character.isUpperCase(c);
      case "print" -> !Character.isISOControl(c);
      case "punct" -> c < 128 ? "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0
          : Character.getType(c) >= Character.DASH_PUNCTUATION && Character.getType(c) <= Character.OTHER_PUNCTUATION;
      case "space" -> Character.isWhitespace(c) || Character.isSpaceChar(c);
      case "wordchar" -> Character.isLetterOrDigit(c) || c == '_' || Character.getType(c) == Character.CONNECTOR_PUNCTUATION;
      case "xdigit" -> Character.digit(c, 16) >= 0 && c < 128;
      default -> throw new TclException(interp, "bad class \"" + cls + "\": must be " + CLASSES);
    };
  }
}
