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
 *
 * <p>The "last created" marker is cleared by every global assignment (2-argument form), as in the
 * reference.
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
    TclObject[] args = argv;
    if (argv.length == 3) {
      String variable = argv[1].toString();
      boolean option = variable.startsWith("opt(") && variable.endsWith(")");
      NsObject created = session.lastCreated();
      // Only assignments at global level look at (and clear) the marker: a proc's local
      // assignments leave it for the caller, so "set n [mk $ns]" still names mk's node.
      if ((created != null || option) && global(interp, variable)) {
        session.takeLastCreated();
        String value = argv[2].toString();
        if (created != null && created.nameable() && value.equals(created.name())) {
          args = argv.clone();
          args[2] = TclString.newInstance(session.nameByAssignment(created, variable, session.locate(argv)));
        } else if (option) {
          session.environment().put(variable.substring(4, variable.length() - 1), value);
        }
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
