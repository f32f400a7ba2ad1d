package org.nsbed.interpreter.tcl;

import tcl.lang.Interp;
import tcl.lang.TclException;

/**
 * A Jacl interpreter that reads {@code {*}} argument expansion: every script it evaluates goes
 * through {@link ArgumentExpansion#rewrite} first (proc bodies, which Jacl evaluates without
 * this method, are rewritten by the {@code proc} command that {@link Tcl86#install} installs).
 */
public class Tcl86Interp extends Interp {

  @Override
  public void eval(String script, int flags) throws TclException {
    super.eval(ArgumentExpansion.rewrite(script), flags);
  }
}
