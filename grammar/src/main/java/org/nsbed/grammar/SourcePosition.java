package org.nsbed.grammar;

/**
 * A place in an NS file: the file name as given to the parser and a 1-based line and column.
 * Lines end at {@code \n} (a {@code \r\n} pair is one line end); columns count UTF-16 characters,
 * a tab counting as one.
 */
public record SourcePosition(String file, int line, int column) {

    /** {@code FILE:LINE:COL}, the prefix of every diagnostic. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
