package org.nsbed.grammar;

import java.util.List;

/**
 * One command of a script, as written: from the start of its first word to the end of its last.
 *
 * @param text        the raw source text of the command
 * @param words       its words in order (at least one)
 * @param startOffset offset of its first character in the parsed text (a {@link String} index)
 * @param endOffset   offset just past its last character
 * @param position    line and column of its first character
 */
public record ScriptCommand(String text, List<Word> words, int startOffset, int endOffset, SourcePosition position) {

    public ScriptCommand {
        words = List.copyOf(words);
    }

    /**
     * The command name: the first word's value with braces or quotes stripped, or the first
     * word's raw text when that value depends on a substitution (e.g. {@code $ns}).
     */
    public String name() {
        Word first = words.get(0);
        return first.literal().orElse(first.text());
    }
}
