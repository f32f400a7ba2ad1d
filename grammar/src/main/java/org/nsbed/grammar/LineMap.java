package org.nsbed.grammar;

import java.util.Arrays;

/**
 * Offset to line:column for one text. A line ends at {@code \n}, so a {@code \r\n} pair ends one
 * line, as Tcl sees a file it reads; a lone {@code \r} is whitespace to Tcl and ends no line.
 */
final class LineMap {

    private final String file;
    private final int firstLine;
    private final int firstColumn;
    private final int[] lineStarts;

    LineMap(String file, String text, int firstLine, int firstColumn) {
        this.file = file;
        this.firstLine = firstLine;
        this.firstColumn = firstColumn;
        int[] starts = new int[64];
        int count = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = i + 1;
        }
        this.lineStarts = Arrays.copyOf(starts, count);
    }

    String file() {
        return file;
    }

    SourcePosition position(int offset) {
        int found = Arrays.binarySearch(lineStarts, offset);
        int line = found >= 0 ? found : -found - 2;
        int column = offset - lineStarts[line] + 1;
        return new SourcePosition(file, firstLine + line, line == 0 ? column + firstColumn - 1 : column);
    }
}
