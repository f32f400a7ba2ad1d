package org.nsbed.interpreter.ns;

import org.nsbed.grammar.SourcePosition;
import tcl.lang.TclObject;

/** Finds the place in the NS file of the command being executed. */
public interface Locator {

  /** The position of the executing command whose evaluated words are {@code argv}. */
  SourcePosition locate(TclObject[] argv);

  /** The position of the top-level command being evaluated. */
  SourcePosition topLevel();
}
