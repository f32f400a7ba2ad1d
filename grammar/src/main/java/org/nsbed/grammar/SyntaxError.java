package org.nsbed.grammar;

/**
 * A syntax error as Tcl would raise it when reading the file.
 *
 * <p>For an unbalanced construct the position is where it opened (the brace, quote, bracket or
 * {@code $} that was never closed), because that is where the user has to look; for
 * "extra characters after close-brace/close-quote" it is the first extra character, as Tcl
 * reports it.
 */
public record SyntaxError(SourcePosition position, String message) {

    /** The diagnostic line {@code FILE:LINE:COL: error: message}. */
    public String diagnostic() {
        return position + ": error: " + message;
    }
}
