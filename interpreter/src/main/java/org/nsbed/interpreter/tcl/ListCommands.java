package org.nsbed.interpreter.tcl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tcl.lang.Interp;
import tcl.lang.TCL;
import tcl.lang.TclException;
import tcl.lang.TclList;
import tcl.lang.TclObject;
import tcl.lang.TclString;
import tcl.lang.Util;

/**
 * The list commands of Tcl 8.4 to 8.6 ({@code lset}, {@code lassign}, {@code lrepeat},
 * {@code lreverse}, {@code lmap}) and the 8.6 forms of {@code lindex}, {@code lrange},
 * {@code lsort} and {@code lsearch}.
 */
final class ListCommands {

  /** The most elements a list built by one command may have: a list bomb ends here. */
  static final long MAX_ELEMENTS = 1 << 24;

  private ListCommands() {}

  static void install(Interp interp) {
    interp.createCommand("lset", ListCommands::lset);
    interp.createCommand("lassign", ListCommands::lassign);
    interp.createCommand("lrepeat", ListCommands::lrepeat);
    interp.createCommand("lreverse", ListCommands::lreverse);
    interp.createCommand("lmap", ListCommands::lmap);
    interp.createCommand("lindex", ListCommands::lindex);
    interp.createCommand("lrange", ListCommands::lrange);
    interp.createCommand("lsort", ListCommands::lsort);
    interp.createCommand("lsearch", ListCommands::lsearch);
  }

  static TclObject[] elements(Interp interp, TclObject list) throws TclException {
    return TclList.getElements(interp, list);
  }

  static TclObject list(Interp interp, List<TclObject> items) throws TclException {
    TclObject l = TclList.newInstance();
    TclList.append(interp, l, items.toArray(new TclObject[0]), 0, items.size());
    return l;
  }

  static TclObject list(Interp interp, TclObject[] items, int from, int to) throws TclException {
    TclObject l = TclList.newInstance();
    if (to > from) {
      TclList.append(interp, l, items, from, to);
    }
    return l;
  }

  static void checkSize(Interp interp, String command, long size) throws TclException {
    if (size > MAX_ELEMENTS) {
      throw new TclException(interp, command + " would build a list of " + size + " elements: more than the "
          + MAX_ELEMENTS + " an NS file may build at once");
    }
  }

  private static void lset(Interp interp, TclObject[] argv) throws TclException {
    if (argv.length < 3) {
      throw new TclException(interp, "wrong # args: should be \"lset listVar ?index? ?index ...? value\"");
    }
    TclObject list = interp.getVar(argv[1].toString(), null, 0);
    List<TclObject> path = new ArrayList<>();
    if (argv.length == 4) {
      path.addAll(Arrays.asList(elements(interp, argv[2])));
    } else {
      path.addAll(Arrays.asList(argv).subList(2, argv.length - 1));
    }
    TclObject value = argv.length == 3 ? argv[2] : set(interp, list, path, 0, argv[argv.length - 1]);
    interp.setResult(interp.setVar(argv[1].toString(), null, value, 0));
  }

  private static TclObject set(Interp interp, TclObject list, List<TclObject> path, int at, TclObject value)
      throws TclException {
    if (at == path.size()) {
      return value;
    }
    TclObject[] items = elements(interp, list);
    int i = Indexes.index(interp, path.get(at), items.length);
    if (i < 0 || i > items.length) {
      throw new TclException(interp, "list index out of range");
    }
    List<TclObject> copy = new ArrayList<>(Arrays.asList(items));
    if (i == items.length) {
      copy.add(set(interp, TclList.newInstance(), path, at + 1, value));
    } else {
      copy.set(i, set(interp, items[i], path, at + 1, value));
    }
    return list(interp, copy);
  }

  private static void lassign(Interp interp, TclObject[] argv) throws TclException {
    if (argv.length < 2) {
      throw new TclException(interp, "wrong # args: should be \"lassign list ?varName ...?\"");
    }
    TclObject[] items = elements(interp, argv[1]);
    for (int i = 2; i < argv.length; i++) {
      int k = i - 2;
      interp.setVar(argv[i].toString(), null, k < items.length ? items[k] : TclString.newInstance(""), 0);
    }
    interp.setResult(list(interp, items, Math.min(items.length, argv.length - 2), items.length));
  }

  private static void lrepeat(Interp interp, TclObject[] argv) throws TclException {
    if (argv.length < 2) {
      throw new TclException(interp, "wrong # args: should be \"lrepeat count ?value ...?\"");
    }
    long count = TclValues.big(TclValues.integer(interp, argv[1])).max(java.math.BigInteger.valueOf(Long.MIN_VALUE))
        .min(java.math.BigInteger.valueOf(Long.MAX_VALUE / 4)).longValue();
    if (count < 0) {
      throw new TclException(interp, "bad count \"" + argv[1] + "\": must be integer >= 0");
    }
    int per = argv.length - 2;
    checkSize(interp, "lrepeat", count * per);
    TclObject[] all = new TclObject[(int) (count * per)];
    for (int i = 0; i < all.length; i++) {
      all[i] = argv[2 + i % per];
    }
    interp.setResult(list(interp, all, 0, all.length));
  }

  private static void lreverse(Interp interp, TclObject[] argv) throws TclException {
    if (argv.length != 2) {
      throw new TclException(interp, "wrong # args: should be \"lreverse list\"");
    }
    List<TclObject> items = new ArrayList<>(Arrays.asList(elements(interp, argv[1])));
    java.util.Collections.reverse(items);
    interp.setResult(list(interp, items));
  }

  private static void lmap(Interp interp, TclObject[] argv) throws TclException {
    if (argv.length < 4 || argv.length % 2 != 0) {
      throw new TclException(interp, "wrong # args: should be \"lmap varList list ?varList list ...? command\"");
    }
    int pairs = (argv.length - 2) / 2;
    TclObject[][] vars = new TclObject[pairs][];
    TclObject[][] values = new TclObject[pairs][];
    int rounds = 0;
    for (int p = 0; p < pairs; p++) {
      vars[p] = elements(interp, argv[1 + 2 * p]);
      if (vars[p].length == 0) {
        throw new TclException(interp, "lmap varlist is empty");
      }
      values[p] = elements(interp, argv[2 + 2 * p]);
      rounds = Math.max(rounds, (values[p].length + vars[p].length - 1) / vars[p].length);
    }
    TclObject result = TclList.newInstance();
    TclObject body = argv[argv.length - 1];
    for (int r = 0; r < rounds; r++) {
      for (int p = 0; p < pairs; p++) {
        for (int v = 0; v < vars[p].length; v++) {
          int k = r * vars[p].length + v;
          interp.setVar(vars[p][v].toString(), null, k < values[p].length ? values[p][k] : TclString.newInstance(""), 0);
        }
      }
      try {
        interp.eval(body, 0);
        TclList.append(interp, result, interp.getResult());
      } catch (TclException e) {
        if (e.getCompletionCode() == TCL.BREAK) {
          break;
        }
        if (e.getCompletionCode() == TCL.CONTINUE) {
          continue;
        }
        if (e.getCompletionCode() == TCL.ERROR) {
          interp.addErrorInfo("\n    (\"lmap\" body line " + interp.getErrorLine() + ")");
        }
        throw e;
      }
    }
    interp.setResult(result);
  }

  private static void lindex(Interp interp, TclObject[] argv) throws TclException {
    if (argv.length < 2) {
      throw new TclException(interp, "wrong # args: should be \"lindex list ?index ...?\"");
    }
    List<TclObject> path = new ArrayList<>();
    if (argv.length == 3) {
      path.addAll(Arrays.asList(elements(interp, argv[2])));
    } else {
      path.addAll(Arrays.asList(argv).subList(2, argv.length));
    }
    TclObject value = argv[1];
    for (TclObject index : path) {
      TclObject[] items = elements(interp, value);
      int i = Indexes.index(interp, index, items.length);
      if (i < 0 || i >= items.length) {
        interp.setResult("");
        return;
      }
      value = items[i];
    }
    interp.setResult(value);
  }

  private static void lrange(Interp interp, TclObject[] argv) throws TclException {
    if (argv.length != 4) {
      throw new TclException(interp, "wrong # args: should be \"lrange list first last\"");
    }
    TclObject[] items = elements(interp, argv[1]);
    int first = Math.max(0, Indexes.index(interp, argv[2], items.length));
    int last = Math.min(items.length - 1, Indexes.index(interp, argv[3], items.length));
    interp.setResult(list(interp, items, first, Math.max(first, last + 1)));
  }

  // ---------------------------------------------------------------- lsort

  private static final String SORT_OPTIONS = "-ascii, -command, -decreasing, -dictionary, -increasing, -index, "
      + "-indices, -integer, -nocase, -real, -stride, or -unique";

  private static void lsort(Interp interp, TclObject[] argv) throws TclException {
    if (argv.length < 2) {
      throw new TclException(interp, "wrong # args: should be \"lsort ?-option value ...? list\"");
    }
    String mode = "ascii";
    boolean decreasing = false;
    boolean unique = false;
    boolean nocase = false;
    boolean indices = false;
    TclObject[] indexPath = null;
    int stride = 1;
    TclObject command = null;
    for (int i = 1; i < argv.length - 1; i++) {
      String opt = argv[i].toString();
      switch (opt) {
        case "-ascii", "-dictionary", "-integer", "-real" -> mode = opt.substring(1);
        case "-increasing" -> decreasing = false;
        case "-decreasing" -> decreasing = true;
        case "-unique" -> unique = true;
        case "-nocase" -> nocase = true;
        case "-indices" -> indices = true;
        case "-command", "-index", "-stride" -> {
          if (i + 1 >= argv.length - 1) {
            throw new TclException(interp, "\"" + opt + "\" option must be followed by "
                + (opt.equals("-command") ? "comparison command" : opt.equals("-index") ? "list index"
                : "stride length"));
          }
          TclObject value = argv[++i];
          if (opt.equals("-command")) {
            command = value;
            mode = "command";
          } else if (opt.equals("-index")) {
            indexPath = elements(interp, value);
          } else {
            stride = TclValues.intArg(interp, value);
            if (stride < 2) {
              throw new TclException(interp, "stride length must be at least 2");
            }
          }
        }
        default -> throw new TclException(interp, "bad option \"" + opt + "\": must be " + SORT_OPTIONS);
      }
    }
    TclObject[] items = elements(interp, argv[argv.length - 1]);
    if (items.length % stride != 0) {
      throw new TclException(interp, "list size must be a multiple of the stride length");
    }
    int groups = items.length / stride;
    if (stride > 1 && indexPath != null && indexPath.length > 0) {
      int first = Indexes.index(interp, indexPath[0], stride);
      if (first < 0 || first >= stride) {
        throw new TclException(interp, "when used with \"-stride\", the leading \"-index\" value must be within the group");
      }
    }
    Object[] keys = new Object[groups];
    for (int g = 0; g < groups; g++) {
      TclObject key;
      if (stride > 1) {
        key = items[g * stride + (indexPath == null || indexPath.length == 0 ? 0
            : Indexes.index(interp, indexPath[0], stride))];
        if (indexPath != null && indexPath.length > 1) {
          key = follow(interp, key, Arrays.copyOfRange(indexPath, 1, indexPath.length));
        }
      } else {
        key = indexPath == null ? items[g] : follow(interp, items[g], indexPath);
      }
      keys[g] = sortKey(interp, mode, key);
    }
    Comparator<Integer> order = comparator(interp, mode, nocase, command, keys);
    if (decreasing) {
      order = order.reversed();
    }
    Integer[] perm = new Integer[groups];
    for (int g = 0; g < groups; g++) {
      perm[g] = g;
    }
    try {
      Arrays.sort(perm, order);
    } catch (SortFailure e) {
      throw e.cause;
    }
    List<TclObject> out = new ArrayList<>();
    for (int k = 0; k < perm.length; k++) {
      if (unique && k + 1 < perm.length && order.compare(perm[k], perm[k + 1]) == 0) {
        continue;
      }
      for (int j = 0; j < stride; j++) {
        out.add(indices ? TclString.newInstance(Integer.toString(perm[k] * stride + j)) : items[perm[k] * stride + j]);
      }
    }
    interp.setResult(list(interp, out));
  }

  private static TclObject follow(Interp interp, TclObject value, TclObject[] path) throws TclException {
    for (TclObject index : path) {
      TclObject[] items = elements(interp, value);
      int i = Indexes.index(interp, index, items.length);
      if (i < 0 || i >= items.length) {
        throw new TclException(interp, "element " + index + " missing from sublist \"" + value + "\"");
      }
      value = items[i];
    }
    return value;
  }

  private static Object sortKey(Interp interp, String mode, TclObject key) throws TclException {
    String s = key.toString();
    switch (mode) {
      case "integer": {
        Object n = TclValues.parseNumber(s);
        if (n instanceof Long || n instanceof java.math.BigInteger) {
          return n;
        }
        throw new TclException(interp, "expected integer but got \"" + s + "\"");
      }
      case "real": {
        Number n = TclValues.numberOrNull(s);
        if (n == null) {
          throw new TclException(interp, "expected floating-point number but got \"" + s + "\"");
        }
        return n.doubleValue();
      }
      default:
        return s;
    }
  }

  /** Carries a Tcl error out of a comparator. */
  private static final class SortFailure extends RuntimeException {
    final TclException cause;

    SortFailure(TclException cause) {
      super(null, null, false, false);
      this.cause = cause;
    }
  }

  private static Comparator<Integer> comparator(Interp interp, String mode, boolean nocase, TclObject command,
      Object[] keys) {
    return switch (mode) {
      case "integer" -> (a, b) -> Expression.compareNumbers((Number) keys[a], (Number) keys[b]);
      case "real" -> (a, b) -> Double.compare((Double) keys[a], (Double) keys[b]);
      case "dictionary" -> (a, b) -> dictionaryCompare((String) keys[a], (String) keys[b]);
      case "command" -> (a, b) -> {
        try {
          TclObject call = TclList.newInstance();
          TclList.append(interp, call, elements(interp, command), 0, TclList.getLength(interp, command));
          TclList.append(interp, call, TclString.newInstance((String) keys[a]));
          TclList.append(interp, call, TclString.newInstance((String) keys[b]));
          interp.eval(call, 0);
          return TclValues.intArg(interp, interp.getResult());
        } catch (TclException e) {
          throw new SortFailure(e);
        }
      };
      default -> nocase
          ? (a, b) -> ((String) keys[a]).toLowerCase(java.util.Locale.ROOT)
              .compareTo(((String) keys[b]).toLowerCase(java.util.Locale.ROOT))
          : (a, b) -> ((String) keys[a]).compareTo((String) keys[b]);
    };
  }

  /** Tcl's -dictionary order: case folded with case as tie-break, digit runs compared as numbers. */
  static int dictionaryCompare(String a, String b) {
    int i = 0;
    int j = 0;
    int secondary = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (Character.isDigit(x) && Character.isDigit(y)) {
        int zi = i;
        int zj = j;
        while (zi < a.length() && a.charAt(zi) == '0') {
          zi++;
        }
        while (zj < b.length() && b.charAt(zj) == '0') {
          zj++;
        }
        int ei = zi;
        int ej = zj;
        while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
          ei++;
        }
        while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
          ej++;
        }
        if (ei - zi != ej - zj) {
          return (ei - zi) - (ej - zj) < 0 ? -1 : 1;
        }
        int c = a.substring(zi, ei).compareTo(b.substring(zj, ej));
        if (c != 0) {
          return c;
        }
        if (secondary == 0 && (zi - i) != (zj - j)) {
          secondary = (zi - i) > (zj - j) ? -1 : 1;
        }
        i = ei;
        j = ej;
        continue;
      }
      if (x != y) {
        char lx = Character.toLowerCase(x);
        char ly = Character.toLowerCase(y);
        if (lx != ly) {
          return lx - ly;
        }
        if (secondary == 0) {
          secondary = Character.isUpperCase(x) ? -1 : 1;
        }
      }
      i++;
      j++;
    }
    if (i < a.length()) {
      return 1;
    }
    if (j < b.length()) {
      return -1;
    }
    return secondary;
  }

  // ---------------------------------------------------------------- lsearch

  /** Tcl's words for what is wrong with a regular expression. */
  static String regexpProblem(PatternSyntaxException e) {
    String d = e.getDescription();
    if (d.startsWith("Dangling meta character")) {
      return "quantifier operand invalid";
    }
    if (d.startsWith("Unclosed group") || d.startsWith("Unmatched closing")) {
      return "parentheses () not balanced";
    }
    if (d.startsWith("Unclosed character class")) {
      return "brackets [] not balanced";
    }
    if (d.startsWith("Unclosed counted closure") || d.startsWith("Illegal repetition")) {
      return "braces {} not balanced";
    }
    return d;
  }

  private static final String SEARCH_OPTIONS = "-all, -ascii, -bisect, -decreasing, -dictionary, -exact, -glob, "
      + "-increasing, -index, -inline, -integer, -nocase, -not, -real, -regexp, -sorted, -start, or -subindices";

  private static void lsearch(Interp interp, TclObject[] argv) throws TclException {
    if (argv.length < 3) {
      throw new TclException(interp, "wrong # args: should be \"lsearch ?-option value ...? list pattern\"");
    }
    String match = "glob";
    String type = "ascii";
    boolean all = false;
    boolean inline = false;
    boolean not = false;
    boolean nocase = false;
    boolean subindices = false;
    TclObject[] indexPath = null;
    TclObject start = null;
    for (int i = 1; i < argv.length - 2; i++) {
      String opt = argv[i].toString();
      switch (opt) {
        case "-exact", "-glob", "-regexp" -> match = opt.substring(1);
        case "-sorted" -> match = match.equals("glob") ? "exact" : match;
        case "-ascii", "-dictionary", "-integer", "-real" -> type = opt.substring(1);
        case "-increasing", "-decreasing", "-bisect" -> { }
        case "-all" -> all = true;
        case "-inline" -> inline = true;
        case "-not" -> not = true;
        case "-nocase" -> nocase = true;
        case "-subindices" -> subindices = true;
        case "-index", "-start" -> {
          if (i + 1 >= argv.length - 2) {
            throw new TclException(interp, "missing " + (opt.equals("-index") ? "list index" : "starting index"));
          }
          if (opt.equals("-index")) {
            indexPath = elements(interp, argv[++i]);
          } else {
            start = argv[++i];
          }
        }
        default -> throw new TclException(interp, "bad option \"" + opt + "\": must be " + SEARCH_OPTIONS);
      }
    }
    TclObject[] items = elements(interp, argv[argv.length - 2]);
    String pattern = argv[argv.length - 1].toString();
    int from = start == null ? 0 : Math.max(0, Indexes.index(interp, start, items.length));
    Pattern regexp = null;
    if (match.equals("regexp")) {
      try {
        regexp = Pattern.compile(pattern, nocase ? Pattern.CASE_INSENSITIVE : 0);
      } catch (PatternSyntaxException e) {
        throw new TclException(interp, "couldn't compile regular expression pattern: " + regexpProblem(e));
      }
    }
    Number numeric = null;
    if (match.equals("exact") && (type.equals("integer") || type.equals("real"))) {
      numeric = TclValues.numberOrNull(pattern);
      if (numeric == null) {
        throw new TclException(interp, "expected " + (type.equals("integer") ? "integer" : "floating-point number")
            + " but got \"" + pattern + "\"");
      }
    }
    List<TclObject> found = new ArrayList<>();
    for (int k = from; k < items.length; k++) {
      TclObject candidate = indexPath == null ? items[k] : follow(interp, items[k], indexPath);
      String s = candidate.toString();
      boolean hit;
      if (regexp != null) {
        hit = regexp.matcher(s).find();
      } else if (numeric != null) {
        Number n = TclValues.numberOrNull(s);
        if (n == null) {
          throw new TclException(interp, "expected " + (type.equals("integer") ? "integer" : "floating-point number")
              + " but got \"" + s + "\"");
        }
        hit = Expression.compareNumbers(n, numeric) == 0;
      } else if (match.equals("exact")) {
        hit = nocase ? s.equalsIgnoreCase(pattern) : s.equals(pattern);
      } else {
        hit = nocase ? Util.stringMatch(s.toLowerCase(java.util.Locale.ROOT), pattern.toLowerCase(java.util.Locale.ROOT))
            : Util.stringMatch(s, pattern);
      }
      if (hit != not) {
        TclObject value = inline ? (subindices ? candidate : items[k]) : TclString.newInstance(Integer.toString(k));
        if (!inline && subindices && indexPath != null) {
          List<TclObject> path = new ArrayList<>();
          path.add(value);
          path.addAll(Arrays.asList(indexPath));
          value = list(interp, path);
        }
        found.add(value);
        if (!all) {
          break;
        }
      }
    }
    if (all) {
      interp.setResult(list(interp, found));
    } else if (found.isEmpty()) {
      interp.setResult(inline ? "" : "-1");
    } else {
      interp.setResult(found.get(0));
    }
  }
}
