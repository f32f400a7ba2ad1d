package org.nsbed.interpreter.tcl;

import tcl.lang.Command;
import tcl.lang.Interp;
import tcl.lang.TclObject;
import tcl.lang.TclString;
import tcl.lang.TclException;

/**
 * Brings a Jacl interpreter (Tcl 8.0) up to the Tcl 8.6 that NS files are written for: the
 * commands, options and expression syntax of Tcl 8.4 to 8.6 that NS files use, with Tcl 8.6's
 * integers. None of them reaches outside the interpreter.
 */
public final class Tcl86 {

  private Tcl86() {}

  /** Tcl 8.4's {@code regsub} without a variable returns the result instead of a count. */
  private static void regsub(Command jacl, Interp interp, TclObject[] argv) throws TclException {
    int i = 1;
    while (i < argv.length && argv[i].toString().startsWith("-")) {
      String option = argv[i].toString();
      i += option.equals("-start") ? 2 : 1;
      if (option.equals("--")) {
        break;
      }
    }
    if (argv.length - i != 3) {
      jacl.cmdProc(interp, argv);
      return;
    }
    TclObject[] withVariable = java.util.Arrays.copyOf(argv, argv.length + 1);
    String variable = "::nsbed::regsub-result";
    withVariable[argv.length] = TclString.newInstance(variable);
    jacl.cmdProc(interp, withVariable);
    TclObject result = interp.getVar(variable, null, 0);
    interp.setResult(result.toString());
    interp.unsetVar(variable, 0);
  }

  /** Installs the commands into {@code interp}, replacing Jacl's versions where they differ. */
  public static void install(Interp interp) throws TclException {
    Expression expression = new Expression();
    ExpressionCommands.install(interp, expression);
    ArgumentExpansion.install(interp);
    ListCommands.install(interp);
    DictCommand.install(interp);
    StringCommand.install(interp);
    ControlCommands.install(interp);
    FormatCommand.install(interp);
    Command jaclRegsub = interp.getCommand("regsub");
    interp.createCommand("regsub", (in, argv) -> regsub(jaclRegsub, in, argv));
    Command jaclProc = interp.getCommand("proc");
    interp.createCommand("proc", (in, argv) -> {
      if (argv.length == 4) {
        argv[3] = TclString.newInstance(ArgumentExpansion.rewrite(argv[3].toString()));
      }
      jaclProc.cmdProc(in, argv);
    });
  }
}
