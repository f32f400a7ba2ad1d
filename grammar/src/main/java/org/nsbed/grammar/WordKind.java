package org.nsbed.grammar;

/** How a word of a Tcl command is written, which decides what substitutions apply to it. */
public enum WordKind {
    /** Written without braces or quotes; substitutions apply. */
    BARE,
    /** {@code {...}}: taken literally, no substitutions. */
    BRACED,
    /** {@code "..."}: substitutions apply, whitespace does not split it. */
    QUOTED
}
