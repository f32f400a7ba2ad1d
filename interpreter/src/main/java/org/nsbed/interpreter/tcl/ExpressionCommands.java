package org.nsbed.interpreter.tcl;

import java.math.BigInteger;
import tcl.lang.Command;
import tcl.lang.Interp;
import tcl.lang.TCL;
import tcl.lang.TclException;
import tcl.lang.TclObject;
import tcl.lang.TclString;

/**
 * The commands that evaluate expressions or count: {@code expr}, {@code if}, {@code while},
 * {@code for} (all through one {@link Expression}) and {@code incr} with Tcl 8.6's integers (an
 * unset variable counts from 0).
 */
final class ExpressionCommands {

  private ExpressionCommands() {}

  static void install(Interp interp, Expression expression) {
    interp.createCommand("expr", (in, argv) -> {
      if (argv.length < 2) {
        throw new TclException(in, "wrong # args: should be \"expr arg ?arg ...?\"");
      }
      in.setResult(expression.evaluate(in, joined(argv, 1)));
    });
    interp.createCommand("if", new If(expression));
    interp.createCommand("while", new While(expression));
    interp.createCommand("for", new For(expression));
    interp.createCommand("incr", ExpressionCommands::incr);
  }

  private static String joined(TclObject[] argv, int from) {
    if (argv.length == from + 1) {
      return argv[from].toString();
    }
    StringBuilder b = new StringBuilder();
    for (int i = from; i < argv.length; i++) {
      if (i > from) {
        b.append(' ');
      }
      b.append(argv[i].toString().strip());
    }
    return b.toString();
  }

  /** Runs a body; false if it ended with {@code break}. Errors get Tcl's "body line N" trace. */
  static boolean body(Interp interp, TclObject body, String what) throws TclException {
    try {
      interp.eval(body, 0);
      return true;
    } catch (TclException e) {
      switch (e.getCompletionCode()) {
        case TCL.BREAK:
          return false;
        case TCL.CONTINUE:
          return true;
        case TCL.ERROR:
          interp.addErrorInfo("\n    (\"" + what + "\" body line " + interp.getErrorLine() + ")");
          throw e;
        default:
          throw e;
      }
    }
  }

  private record While(Expression expression) implements Command {
    @Override
    public void cmdProc(Interp interp, TclObject[] argv) throws TclException {
      if (argv.length != 3) {
        throw new TclException(interp, "wrong # args: should be \"while test command\"");
      }
      String test = argv[1].toString();
      while (expression.test(interp, test)) {
        if (!body(interp, argv[2], "while")) {
          break;
        }
      }
      interp.resetResult();
    }
  }

  private record For(Expression expression) implements Command {
    @Override
    public void cmdProc(Interp interp, TclObject[] argv) throws TclException {
      if (argv.length != 5) {
        throw new TclException(interp, "wrong # args: should be \"for start test next command\"");
      }
      interp.eval(argv[1], 0);
      String test = argv[2].toString();
      while (expression.test(interp, test)) {
        if (!body(interp, argv[4], "for")) {
          break;
        }
        try {
          interp.eval(argv[3], 0);
        } catch (TclException e) {
          if (e.getCompletionCode() == TCL.BREAK) {
            break;
          }
          if (e.getCompletionCode() == TCL.ERROR) {
            interp.addErrorInfo("\n    (\"for\" loop-end command)");
          }
          if (e.getCompletionCode() != TCL.CONTINUE) {
            throw e;
          }
        }
      }
      interp.resetResult();
    }
  }

  private record If(Expression expression) implements Command {
    @Override
    public void cmdProc(Interp interp, TclObject[] argv) throws TclException {
      int i = 1;
      while (true) {
        if (i >= argv.length) {
          throw new TclException(interp, "wrong # args: no expression after \"" + argv[i - 1] + "\" argument");
        }
        boolean taken;
        try {
          taken = expression.test(interp, argv[i].toString());
        } catch (TclException e) {
          if (e.getCompletionCode() == TCL.ERROR) {
            interp.addErrorInfo("\n    (\"if\" test expression)");
          }
          throw e;
        }
        i++;
        if (i < argv.length && argv[i].toString().equals("then")) {
          i++;
        }
        if (i >= argv.length) {
          throw new TclException(interp, "wrong # args: no script following \"" + argv[i - 1] + "\" argument");
        }
        if (taken) {
          run(interp, argv[i], "then");
          return;
        }
        i++;
        if (i >= argv.length) {
          interp.resetResult();
          return;
        }
        String word = argv[i].toString();
        if (word.equals("elseif")) {
          i++;
          continue;
        }
        if (word.equals("else")) {
          i++;
          if (i >= argv.length) {
            throw new TclException(interp, "wrong # args: no script following \"else\" argument");
          }
        }
        if (i != argv.length - 1) {
          throw new TclException(interp, "wrong # args: extra words after \"else\" clause in \"if\" command");
        }
        run(interp, argv[i], "else");
        return;
      }
    }

    private static void run(Interp interp, TclObject script, String which) throws TclException {
      try {
        interp.eval(script, 0);
      } catch (TclException e) {
        if (e.getCompletionCode() == TCL.ERROR) {
          interp.addErrorInfo("\n    (\"if\" " + which + " script line " + interp.getErrorLine() + ")");
        }
        throw e;
      }
    }
  }

  private static void incr(Interp interp, TclObject[] argv) throws TclException {
    if (argv.length != 2 && argv.length != 3) {
      throw new TclException(interp, "wrong # args: should be \"incr varName ?increment?\"");
    }
    String name = argv[1].toString();
    TclObject old = read(interp, name);
    // Tcl's order of complaints: the value is no number, the increment is no number, either is no integer
    String value = old == null ? "0" : old.toString();
    String increment = argv.length == 3 ? argv[2].toString() : "1";
    Object current = numberOrComplain(interp, value);
    Object by = numberOrComplain(interp, increment);
    if (!TclValues.isInteger(current)) {
      throw new TclException(interp, "expected integer but got \"" + value + "\"");
    }
    if (!TclValues.isInteger(by)) {
      throw new TclException(interp, "expected integer but got \"" + increment + "\"");
    }
    String sum = null;
    if (current instanceof Long a && by instanceof Long b) {
      long r = a + b;
      if (((a ^ r) & (b ^ r)) >= 0) {
        sum = Long.toString(r);
      }
    }
    if (sum == null) {
      sum = TclValues.normalize(TclValues.big((Number) current).add(TclValues.big((Number) by))).toString();
    }
    TclObject result = TclString.newInstance(sum);
    interp.setResult(interp.setVar(name, null, result, 0));
  }

  private static Object numberOrComplain(Interp interp, String s) throws TclException {
    Object n = TclValues.parseNumber(s);
    if (!(n instanceof Number)) {
      throw new TclException(interp, "expected integer but got \"" + s + "\"" + TclValues.octalHint(s));
    }
    return n;
  }

  /** A variable's value, or null if it does not exist. */
  static TclObject read(Interp interp, String name) {
    try {
      return interp.getVar(name, null, 0);
    } catch (TclException e) {
      interp.resetResult();
      return null;
    }
  }
}
