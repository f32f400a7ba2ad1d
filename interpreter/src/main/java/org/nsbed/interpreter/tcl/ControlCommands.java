package org.nsbed.interpreter.tcl;

import java.util.HashMap;
import java.util.Map;
import tcl.lang.Command;
import tcl.lang.Interp;
import tcl.lang.TCL;
import tcl.lang.TclException;
import tcl.lang.TclList;
import tcl.lang.TclObject;
import tcl.lang.TclString;

/**
 * {@code unset -nocomplain}, {@code apply}, {@code try}/{@code on}/{@code trap}/{@code finally}
 * and {@code throw}, as Tcl 8.4 to 8.6 define them.
 */
final class ControlCommands {

  private ControlCommands() {}

  static void install(Interp interp) {
    interp.createCommand("unset", ControlCommands::unset);
    interp.createCommand("apply", new Apply());
    interp.createCommand("try", ControlCommands::tryCommand);
    interp.createCommand("throw", (in, argv) -> {
      if (argv.length != 3) {
        throw new TclException(in, "wrong # args: should be \"throw type message\"");
      }
      if (TclList.getLength(in, argv[1]) == 0) {
        throw new TclException(in, "type must be non-empty list");
      }
      TclException e = new TclException(in, argv[2].toString());
      in.setErrorCode(argv[1]);
      throw e;
    });
  }

  private static void unset(Interp interp, TclObject[] argv) throws TclException {
    int i = 1;
    boolean complain = true;
    if (i < argv.length && argv[i].toString().equals("-nocomplain")) {
      complain = false;
      i++;
    }
    if (i < argv.length && argv[i].toString().equals("--")) {
      i++;
    }
    for (; i < argv.length; i++) {
      try {
        interp.unsetVar(argv[i].toString(), 0);
      } catch (TclException e) {
        if (complain) {
          throw e;
        }
      }
    }
    interp.resetResult();
  }

  /** {@code apply {args body ?namespace?} ?arg ...?}: each lambda becomes a hidden proc once. */
  private static final class Apply implements Command {
    private final Map<String, String> procs = new HashMap<>();

    @Override
    public void cmdProc(Interp interp, TclObject[] argv) throws TclException {
      if (argv.length < 2) {
        throw new TclException(interp, "wrong # args: should be \"apply lambdaExpr ?arg ...?\"");
      }
      String lambda = argv[1].toString();
      String proc = procs.get(lambda);
      if (proc == null) {
        TclObject[] parts = TclList.getElements(interp, argv[1]);
        if (parts.length < 2 || parts.length > 3) {
          throw new TclException(interp, "can't interpret \"" + lambda + "\" as a lambda expression");
        }
        String namespace = parts.length == 3 ? parts[2].toString() : "";
        if (!namespace.isEmpty() && !namespace.startsWith("::")) {
          namespace = "::" + namespace;
        }
        proc = (namespace.equals("::") ? "" : namespace) + "::nsbed-lambda-" + (procs.size() + 1);
        TclObject define = TclList.newInstance();
        TclList.append(interp, define, TclString.newInstance("proc"));
        TclList.append(interp, define, TclString.newInstance(proc));
        TclList.append(interp, define, parts[0]);
        TclList.append(interp, define, parts[1]);
        if (!namespace.isEmpty() && !namespace.equals("::")) {
          interp.eval("namespace eval " + namespace + " {}", 0);
        }
        interp.eval(define, 0);
        procs.put(lambda, proc);
      }
      TclObject call = TclList.newInstance();
      TclList.append(interp, call, TclString.newInstance(proc));
      TclList.append(interp, call, argv, 2, argv.length);
      try {
        interp.eval(call, 0);
      } catch (TclException e) {
        String message = interp.getResult().toString();
        if (e.getCompletionCode() == TCL.ERROR && message.startsWith("wrong # args: should be \"" + proc)) {
          interp.setResult("wrong # args: should be \"apply lambdaExpr"
              + message.substring(("wrong # args: should be \"" + proc).length()));
        }
        throw e;
      }
    }
  }

  private static final String[] CODES = {"ok", "error", "return", "break", "continue"};

  private static void tryCommand(Interp interp, TclObject[] argv) throws TclException {
    if (argv.length < 2) {
      throw new TclException(interp, "wrong # args: should be \"try body ?handler ...? ?finally script?\"");
    }
    int end = argv.length;
    TclObject finallyScript = null;
    if (end >= 4 && argv[end - 2].toString().equals("finally")) {
      finallyScript = argv[end - 1];
      end -= 2;
    }
    for (int i = 2; i < end; ) {
      String kind = argv[i].toString();
      if (!kind.equals("on") && !kind.equals("trap")) {
        throw new TclException(interp, "bad handler type \"" + kind + "\": must be finally, on, or trap");
      }
      if (i + 3 >= end) {
        throw new TclException(interp, "wrong # args to " + kind + " clause: must be \"" + kind + " "
            + (kind.equals("on") ? "code" : "pattern") + " variableList script\"");
      }
      if (kind.equals("on")) {
        code(interp, argv[i + 1]);
      }
      i += 4;
    }
    int code = TCL.OK;
    TclException raised = null;
    try {
      interp.eval(argv[1], 0);
    } catch (TclException e) {
      raised = e;
      code = e.getCompletionCode();
    }
    TclObject result = TclString.newInstance(interp.getResult().toString());
    TclObject errorCode = code == TCL.ERROR ? global(interp, "errorCode") : null;
    TclObject errorInfo = code == TCL.ERROR ? global(interp, "errorInfo") : null;
    TclException outcome = raised;
    TclObject outcomeResult = result;
    boolean handled = false;
    for (int i = 2; i < end && !handled; i += 4) {
      String kind = argv[i].toString();
      boolean matches;
      if (kind.equals("on")) {
        matches = code(interp, argv[i + 1]) == code;
      } else {
        matches = code == TCL.ERROR && prefix(interp, argv[i + 1], errorCode);
      }
      if (!matches) {
        continue;
      }
      int h = i;
      while (argv[h + 3].toString().equals("-")) {
        h += 4;
        if (h >= end) {
          throw new TclException(interp, "last non-finally clause must not have a body of \"-\"");
        }
      }
      handled = true;
      TclObject[] vars = TclList.getElements(interp, argv[i + 2]);
      if (vars.length > 0) {
        interp.setVar(vars[0].toString(), null, result, 0);
      }
      if (vars.length > 1) {
        interp.setVar(vars[1].toString(), null, options(interp, code, errorCode, errorInfo), 0);
      }
      try {
        interp.eval(argv[h + 3], 0);
        outcome = null;
        outcomeResult = TclString.newInstance(interp.getResult().toString());
      } catch (TclException e) {
        outcome = e;
        outcomeResult = TclString.newInstance(interp.getResult().toString());
      }
    }
    if (finallyScript != null) {
      interp.eval(finallyScript, 0);
    }
    interp.setResult(outcomeResult);
    if (outcome != null) {
      if (outcome == raised && code == TCL.ERROR && errorCode != null) {
        interp.setErrorCode(errorCode);
      }
      throw outcome;
    }
  }

  private static int code(Interp interp, TclObject word) throws TclException {
    String s = word.toString();
    for (int c = 0; c < CODES.length; c++) {
      if (CODES[c].equals(s)) {
        return c;
      }
    }
    Object n = TclValues.parseNumber(s);
    if (n instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
      return l.intValue();
    }
    throw new TclException(interp, "bad completion code \"" + s
        + "\": must be ok, error, return, break, continue, or an integer");
  }

  private static boolean prefix(Interp interp, TclObject pattern, TclObject errorCode) throws TclException {
    TclObject[] p = TclList.getElements(interp, pattern);
    TclObject[] c = errorCode == null ? new TclObject[0] : TclList.getElements(interp, errorCode);
    if (p.length > c.length) {
      return false;
    }
    for (int k = 0; k < p.length; k++) {
      if (!p[k].toString().equals(c[k].toString())) {
        return false;
      }
    }
    return true;
  }

  private static TclObject global(Interp interp, String name) {
    try {
      return TclString.newInstance(interp.getVar(name, null, TCL.GLOBAL_ONLY).toString());
    } catch (TclException e) {
      interp.resetResult();
      return TclString.newInstance("");
    }
  }

  private static TclObject options(Interp interp, int code, TclObject errorCode, TclObject errorInfo)
      throws TclException {
    TclObject o = TclList.newInstance();
    TclList.append(interp, o, TclString.newInstance("-code"));
    TclList.append(interp, o, TclString.newInstance(Integer.toString(code)));
    TclList.append(interp, o, TclString.newInstance("-level"));
    TclList.append(interp, o, TclString.newInstance("0"));
    if (code == TCL.ERROR) {
      TclList.append(interp, o, TclString.newInstance("-errorcode"));
      TclList.append(interp, o, errorCode);
      TclList.append(interp, o, TclString.newInstance("-errorinfo"));
      TclList.append(interp, o, errorInfo);
    }
    return o;
  }
}
