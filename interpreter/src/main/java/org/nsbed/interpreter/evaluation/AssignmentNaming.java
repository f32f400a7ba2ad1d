package org.nsbed.interpreter.evaluation;

import org.nsbed.interpreter.ns.NsObject;
import org.nsbed.interpreter.ns.NsSession;
import tcl.lang.Command;
import tcl.lang.Interp;
import tcl.lang.TclException;
import tcl.lang.TclObject;
import tcl.lang.TclString;

/**
 * The replaced {@code set} command: when the value assigned to a global variable is the object a
 * factory just created, the object takes the variable's name ({@code set n(3) [$ns node]} makes
 * node {@code n-3}) and the variable holds that name. Global {@code opt(NAME)} assignments are
 * recorded as the experiment's environment. Everything else is Tcl's own {@code set}.
 */
final class AssignmentNaming implements Command {

  private final NsSession session;
  private final Command tclSet;

  AssignmentNaming(NsSession session, Command tclSet) {
    this.session = session;
    this.tclSet = tclSet;
  }

  @Override
  public void cmdProc(Interp interp, TclObject[] argv) throws TclException {
    NsObject created = session.takeLastCreated();
    TclObject[] args = argv;
    if (argv.length == 3) {
      String variable = argv[1].toString();
      String value = argv[2].toString();
      if (created != null && created.nameable() && value.equals(created.name()) && global(interp, variable)) {
        args = argv.clone();
        String name = session.nameByAssignment(created, variable, session.locate(argv));
        args[2] = TclString.newInstance(name);
      } else if (variable.startsWith("opt(") && variable.endsWith(")") && global(interp, variable)) {
        session.environment().put(variable.substring(4, variable.length() - 1), value);
      }
    }
    tclSet.cmdProc(interp, args);
  }

  /** True if {@code variable} names a global: {@code ::x}, or any unqualified name at level 0. */
  private static boolean global(Interp interp, String variable) {
    if (variable.startsWith("::")) {
      return !variable.substring(2).contains("::");
    }
    if (variable.contains("::")) {
      return false;
    }
    try {
      interp.eval("info level");
      return interp.getResult().toString().equals("0");
    } catch (TclException e) {
      return false;
    }
  }
}
