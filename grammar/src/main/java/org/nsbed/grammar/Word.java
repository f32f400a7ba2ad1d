package org.nsbed.grammar;

import java.util.Optional;

/**
 * One word of a command as written in the source.
 *
 * @param text        the raw source text of the word, including its braces or quotes
 * @param kind        how the word is written
 * @param startOffset offset of its first character in the parsed text (a {@link String} index)
 * @param endOffset   offset just past its last character
 * @param position    line and column of its first character
 */
public record Word(String text, WordKind kind, int startOffset, int endOffset, SourcePosition position) {

    /**
     * The word's value when it can be known without running anything: the text inside the
     * braces of a braced word, or the backslash-decoded text of a bare or quoted word that holds
     * no variable or command substitution. Empty when the value depends on a substitution.
     */
    public Optional<String> literal() {
        return WordValues.literal(text, kind);
    }
}
