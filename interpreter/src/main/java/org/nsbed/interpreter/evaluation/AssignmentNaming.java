package org.nsbed.interpreter.evaluation;

import org.nsbed.interpreter.ns.NsObject;
import org.nsbed.interpreter.ns.NsSession;
import tcl.lang.Command;
import tcl.lang.Interp;
import tcl.lang.Namespace;
import tcl.lang.TclException;
import tcl.lang.TclObject;
import tcl.lang.TclString;

/**
 * The replaced {@code set} command: when the value assigned is the object a factory just created
 * and the variable is a global one, the object takes the variable's name ({@code set n(3) [$ns
 * node]} makes node {@code n-3}) and the variable holds that name. Global {@code opt(NAME)}
 * assignments are recorded as the experiment's environment. Everything else is Tcl's own
 * {@code set}.
 *
 * <p>"A global one" is the reference's test, made after the assignment: a global variable of
 * the same name (without its array index and leading {@code ::}) exists. So an assignment inside
 * a proc names the object when the proc declared the variable {@code global} (also an array
 * element, {@code global lans; set lans($p) [$sim make-lan ...]} names {@code lans-east}), or
 * linked it with {@code upvar #0 name name}; an {@code upvar} alias with another name, a plain
 * local and a namespace variable do not name it (unless a global of the same name exists). The
 * "last created" marker is cleared by the assignments that pass this test, so a proc's local
 * assignments leave it for the caller ({@code set n [mk $ns]} still names mk's node).
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
    if (argv.length != 3) {
      tclSet.cmdProc(interp, argv);
      return;
    }
    String variable = argv[1].toString();
    boolean option = variable.startsWith("opt(") && variable.endsWith(")");
    NsObject created = session.lastCreated();
    if (created == null && !option) {
      tclSet.cmdProc(interp, argv);
      return;
    }
    // as the reference: assign first (a variable declared global becomes one only now), then look
    tclSet.cmdProc(interp, argv);
    boolean global = namesAGlobal(interp, variable);
    interp.setResult(argv[2]);
    if (!global) {
      return;
    }
    String value = argv[2].toString();
    if (created != null) {
      session.takeLastCreated();
      if (created.nameable() && value.equals(created.name())) {
        TclObject[] args = argv.clone();
        args[2] = TclString.newInstance(session.nameByAssignment(created, variable, session.locate(argv)));
        tclSet.cmdProc(interp, args);
        return;
      }
    }
    if (option) {
      session.environment().put(variable.substring(4, variable.length() - 1), value);
    }
  }

  /**
   * The reference's {@code [uplevel info globals $base_var] != {}}: a global variable with the
   * assigned variable's name, without its array index (Tcl 8.5 and later drop a leading
   * {@code ::} from the pattern). Looked up in the global namespace's table, as
   * {@code info globals} does, without evaluating a command for every assignment.
   */
  private static boolean namesAGlobal(Interp interp, String variable) {
    int paren = variable.indexOf('(');
    String base = (paren < 0 ? variable : variable.substring(0, paren)).replaceFirst("^:+", "");
    if (base.isEmpty() || base.contains("::")) {
      return false;
    }
    return Namespace.getGlobalNamespace(interp).varTable.containsKey(base);
  }
}
