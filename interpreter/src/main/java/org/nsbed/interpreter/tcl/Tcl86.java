package org.nsbed.interpreter.tcl;

import tcl.lang.Command;
import tcl.lang.Interp;
import tcl.lang.TclString;
import tcl.lang.TclException;

/**
 * Brings a Jacl interpreter (Tcl 8.0) up to the Tcl 8.6 that NS files are written for: the
 * commands, options and expression syntax of Tcl 8.4 to 8.6 that NS files use, with Tcl 8.6's
 * integers. None of them reaches outside the interpreter.
 */
public final class Tcl86 {

  private Tcl86() {}

  /** Installs the commands into {@code interp}, replacing Jacl's versions where they differ. */
  public static void install(Interp interp) throws TclException {
    Expression expression = new Expression();
    ExpressionCommands.install(interp, expression);
    ArgumentExpansion.install(interp);
    ListCommands.install(interp);
    DictCommand.install(interp);
    StringCommand.install(interp);
    ControlCommands.install(interp);
    Command jaclProc = interp.getCommand("proc");
    interp.createCommand("proc", (in, argv) -> {
      if (argv.length == 4) {
        argv[3] = TclString.newInstance(ArgumentExpansion.rewrite(argv[3].toString()));
      }
      jaclProc.cmdProc(in, argv);
    });
  }
}
