package org.nsbed.interpreter.tcl;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import tcl.lang.Command;
import tcl.lang.Interp;
import tcl.lang.TCL;
import tcl.lang.TclException;
import tcl.lang.TclList;
import tcl.lang.TclObject;
import tcl.lang.TclString;
import tcl.lang.Util;

/**
 * Tcl 8.5's {@code dict}: a dictionary is a list of keys and values, kept in insertion order.
 * Subcommands: append, create, exists, filter, for, get, incr, info, keys, lappend, map, merge,
 * remove, replace, set, size, unset, values.
 */
final class DictCommand implements Command {

  private static final String SUBCOMMANDS = "append, create, exists, filter, for, get, incr, info, keys, lappend, "
      + "map, merge, remove, replace, set, size, unset, update, values, or with";

  static void install(Interp interp) {
    interp.createCommand("dict", new DictCommand());
  }

  @Override
  public void cmdProc(Interp interp, TclObject[] argv) throws TclException {
    if (argv.length < 2) {
      throw new TclException(interp, "wrong # args: should be \"dict subcommand ?arg ...?\"");
    }
    String sub = argv[1].toString();
    switch (sub) {
      case "create" -> {
        if (argv.length % 2 != 0) {
          throw wrongArgs(interp, "dict create ?key value ...?");
        }
        Map<String, TclObject> d = new LinkedHashMap<>();
        for (int i = 2; i < argv.length; i += 2) {
          d.put(argv[i].toString(), argv[i + 1]);
        }
        interp.setResult(object(interp, d));
      }
      case "get" -> {
        if (argv.length < 3) {
          throw wrongArgs(interp, "dict get dictionary ?key ...?");
        }
        TclObject value = argv[2];
        for (int i = 3; i < argv.length; i++) {
          Map<String, TclObject> d = read(interp, value);
          value = d.get(argv[i].toString());
          if (value == null) {
            throw new TclException(interp, "key \"" + argv[i] + "\" not known in dictionary");
          }
        }
        interp.setResult(argv.length == 3 ? object(interp, read(interp, value)) : value);
      }
      case "exists" -> {
        if (argv.length < 4) {
          throw wrongArgs(interp, "dict exists dictionary key ?key ...?");
        }
        TclObject value = argv[2];
        boolean found = true;
        for (int i = 3; i < argv.length && found; i++) {
          Map<String, TclObject> d = readOrNull(interp, value);
          value = d == null ? null : d.get(argv[i].toString());
          found = value != null;
        }
        interp.setResult(found);
      }
      case "keys", "values" -> {
        if (argv.length != 3 && argv.length != 4) {
          throw wrongArgs(interp, "dict " + sub + " dictionary ?pattern?");
        }
        TclObject out = TclList.newInstance();
        for (Map.Entry<String, TclObject> e : read(interp, argv[2]).entrySet()) {
          String matched = sub.equals("keys") ? e.getKey() : e.getValue().toString();
          if (argv.length == 3 || Util.stringMatch(matched, argv[3].toString())) {
            TclList.append(interp, out, sub.equals("keys") ? TclString.newInstance(e.getKey()) : e.getValue());
          }
        }
        interp.setResult(out);
      }
      case "size" -> {
        if (argv.length != 3) {
          throw wrongArgs(interp, "dict size dictionary");
        }
        interp.setResult(read(interp, argv[2]).size());
      }
      case "set" -> {
        if (argv.length < 5) {
          throw wrongArgs(interp, "dict set dictVarName key ?key ...? value");
        }
        TclObject current = variable(interp, argv[2]);
        TclObject updated = setPath(interp, current, argv, 3, argv.length - 1, argv[argv.length - 1]);
        interp.setResult(interp.setVar(argv[2].toString(), null, updated, 0));
      }
      case "unset" -> {
        if (argv.length < 4) {
          throw wrongArgs(interp, "dict unset dictVarName key ?key ...?");
        }
        TclObject current = variable(interp, argv[2]);
        TclObject updated = unsetPath(interp, current, argv, 3);
        interp.setResult(interp.setVar(argv[2].toString(), null, updated, 0));
      }
      case "lappend", "append" -> {
        if (argv.length < 4) {
          throw wrongArgs(interp, "dict " + sub + " dictVarName key ?value ...?");
        }
        Map<String, TclObject> d = read(interp, variable(interp, argv[2]));
        TclObject old = d.get(argv[3].toString());
        TclObject value;
        if (sub.equals("lappend")) {
          value = TclList.newInstance();
          if (old != null) {
            TclObject[] items = TclList.getElements(interp, old);
            TclList.append(interp, value, items, 0, items.length);
          }
          if (argv.length > 4) {
            TclList.append(interp, value, argv, 4, argv.length);
          }
        } else {
          StringBuilder b = new StringBuilder(old == null ? "" : old.toString());
          for (int i = 4; i < argv.length; i++) {
            b.append(argv[i]);
          }
          value = TclString.newInstance(b.toString());
        }
        d.put(argv[3].toString(), value);
        interp.setResult(interp.setVar(argv[2].toString(), null, object(interp, d), 0));
      }
      case "incr" -> {
        if (argv.length != 4 && argv.length != 5) {
          throw wrongArgs(interp, "dict incr dictVarName key ?increment?");
        }
        Map<String, TclObject> d = read(interp, variable(interp, argv[2]));
        TclObject old = d.get(argv[3].toString());
        Number by = argv.length == 5 ? TclValues.integer(interp, argv[4]) : 1L;
        Number current = old == null ? 0L : TclValues.integer(interp, old);
        BigInteger sum = TclValues.big(current).add(TclValues.big(by));
        d.put(argv[3].toString(), TclString.newInstance(TclValues.normalize(sum).toString()));
        interp.setResult(interp.setVar(argv[2].toString(), null, object(interp, d), 0));
      }
      case "merge" -> {
        Map<String, TclObject> d = new LinkedHashMap<>();
        for (int i = 2; i < argv.length; i++) {
          d.putAll(read(interp, argv[i]));
        }
        interp.setResult(argv.length == 3 ? argv[2] : object(interp, d));
      }
      case "replace" -> {
        if (argv.length < 3 || argv.length % 2 == 0) {
          throw wrongArgs(interp, "dict replace dictionary ?key value ...?");
        }
        Map<String, TclObject> d = read(interp, argv[2]);
        for (int i = 3; i < argv.length; i += 2) {
          d.put(argv[i].toString(), argv[i + 1]);
        }
        interp.setResult(object(interp, d));
      }
      case "remove" -> {
        if (argv.length < 3) {
          throw wrongArgs(interp, "dict remove dictionary ?key ...?");
        }
        Map<String, TclObject> d = read(interp, argv[2]);
        for (int i = 3; i < argv.length; i++) {
          d.remove(argv[i].toString());
        }
        interp.setResult(object(interp, d));
      }
      case "for", "map" -> forOrMap(interp, argv, sub.equals("map"));
      case "filter" -> filter(interp, argv);
      case "info" -> {
        if (argv.length != 3) {
          throw wrongArgs(interp, "dict info dictionary");
        }
        interp.setResult(read(interp, argv[2]).size() + " entries in table");
      }
      case "update", "with" -> throw new TclException(interp, "dict " + sub + " is not available in NS files "
          + "(use dict get and dict set)");
      default -> throw new TclException(interp, "unknown or ambiguous subcommand \"" + sub + "\": must be "
          + SUBCOMMANDS);
    }
  }

  private static TclException wrongArgs(Interp interp, String usage) {
    return new TclException(interp, "wrong # args: should be \"" + usage + "\"");
  }

  /** The dictionary in a list's string. */
  static Map<String, TclObject> read(Interp interp, TclObject value) throws TclException {
    TclObject[] items;
    try {
      items = TclList.getElements(interp, value);
    } catch (TclException e) {
      String m = interp.getResult().toString();
      throw new TclException(interp, m.replace("list element in braces", "dictionary element in braces")
          .replace("list element in quotes", "dictionary element in quotes"));
    }
    if (items.length % 2 != 0) {
      throw new TclException(interp, "missing value to go with key");
    }
    Map<String, TclObject> d = new LinkedHashMap<>();
    for (int i = 0; i < items.length; i += 2) {
      d.put(items[i].toString(), items[i + 1]);
    }
    return d;
  }

  private static Map<String, TclObject> readOrNull(Interp interp, TclObject value) {
    try {
      return read(interp, value);
    } catch (TclException e) {
      interp.resetResult();
      return null;
    }
  }

  static TclObject object(Interp interp, Map<String, TclObject> d) throws TclException {
    TclObject out = TclList.newInstance();
    for (Map.Entry<String, TclObject> e : d.entrySet()) {
      TclList.append(interp, out, TclString.newInstance(e.getKey()));
      TclList.append(interp, out, e.getValue());
    }
    return out;
  }

  /** The variable's value, or an empty dictionary if it does not exist. */
  private static TclObject variable(Interp interp, TclObject name) {
    TclObject v = ExpressionCommands.read(interp, name.toString());
    return v == null ? TclString.newInstance("") : v;
  }

  private static TclObject setPath(Interp interp, TclObject dict, TclObject[] keys, int from, int to, TclObject value)
      throws TclException {
    Map<String, TclObject> d = read(interp, dict);
    String key = keys[from].toString();
    if (from == to - 1) {
      d.put(key, value);
    } else {
      TclObject inner = d.get(key);
      d.put(key, setPath(interp, inner == null ? TclString.newInstance("") : inner, keys, from + 1, to, value));
    }
    return object(interp, d);
  }

  private static TclObject unsetPath(Interp interp, TclObject dict, TclObject[] keys, int from) throws TclException {
    Map<String, TclObject> d = read(interp, dict);
    String key = keys[from].toString();
    if (from == keys.length - 1) {
      d.remove(key);
    } else {
      TclObject inner = d.get(key);
      if (inner == null) {
        throw new TclException(interp, "key \"" + key + "\" not known in dictionary");
      }
      d.put(key, unsetPath(interp, inner, keys, from + 1));
    }
    return object(interp, d);
  }

  private static String[] twoNames(Interp interp, TclObject names) throws TclException {
    TclObject[] n = TclList.getElements(interp, names);
    if (n.length != 2) {
      throw new TclException(interp, "must have exactly two variable names");
    }
    return new String[] {n[0].toString(), n[1].toString()};
  }

  private static void forOrMap(Interp interp, TclObject[] argv, boolean map) throws TclException {
    String sub = map ? "map" : "for";
    if (argv.length != 5) {
      throw wrongArgs(interp, "dict " + sub + " {keyVarName valueVarName} dictionary script");
    }
    String[] names = twoNames(interp, argv[2]);
    Map<String, TclObject> d = read(interp, argv[3]);
    Map<String, TclObject> out = new LinkedHashMap<>();
    for (Map.Entry<String, TclObject> e : d.entrySet()) {
      interp.setVar(names[0], null, TclString.newInstance(e.getKey()), 0);
      interp.setVar(names[1], null, e.getValue(), 0);
      try {
        interp.eval(argv[4], 0);
        if (map) {
          out.put(e.getKey(), TclString.newInstance(interp.getResult().toString()));
        }
      } catch (TclException ex) {
        if (ex.getCompletionCode() == TCL.BREAK) {
          break;
        }
        if (ex.getCompletionCode() == TCL.CONTINUE) {
          continue;
        }
        if (ex.getCompletionCode() == TCL.ERROR) {
          interp.addErrorInfo("\n    (\"dict " + sub + "\" body line " + interp.getErrorLine() + ")");
        }
        throw ex;
      }
    }
    if (map) {
      interp.setResult(object(interp, out));
    } else {
      interp.resetResult();
    }
  }

  private static void filter(Interp interp, TclObject[] argv) throws TclException {
    if (argv.length < 4) {
      throw wrongArgs(interp, "dict filter dictionary filterType ?arg ...?");
    }
    Map<String, TclObject> d = read(interp, argv[2]);
    String type = argv[3].toString();
    Map<String, TclObject> out = new LinkedHashMap<>();
    switch (type) {
      case "key", "value" -> {
        for (Map.Entry<String, TclObject> e : d.entrySet()) {
          String s = type.equals("key") ? e.getKey() : e.getValue().toString();
          for (int i = 4; i < argv.length; i++) {
            if (Util.stringMatch(s, argv[i].toString())) {
              out.put(e.getKey(), e.getValue());
              break;
            }
          }
        }
      }
      case "script" -> {
        if (argv.length != 6) {
          throw wrongArgs(interp, "dict filter dictionary script {keyVarName valueVarName} filterScript");
        }
        String[] names = twoNames(interp, argv[4]);
        for (Map.Entry<String, TclObject> e : d.entrySet()) {
          interp.setVar(names[0], null, TclString.newInstance(e.getKey()), 0);
          interp.setVar(names[1], null, e.getValue(), 0);
          try {
            interp.eval(argv[5], 0);
            if (Expression.condition(interp, interp.getResult().toString())) {
              out.put(e.getKey(), e.getValue());
            }
          } catch (TclException ex) {
            if (ex.getCompletionCode() == TCL.BREAK) {
              break;
            }
            if (ex.getCompletionCode() != TCL.CONTINUE) {
              throw ex;
            }
          }
        }
      }
      default -> throw new TclException(interp, "bad filterType \"" + type + "\": must be key, script, or value");
    }
    interp.setResult(object(interp, out));
  }
}
