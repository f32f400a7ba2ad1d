package org.nsbed.grammar;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * The characters {@code [begin, end)} of a source text as an ANTLR stream whose indexes are
 * offsets into the whole text, so that tokens of a nested region (the inside of a braced body)
 * carry absolute offsets. Symbols are UTF-16 chars, so token offsets are {@link String} indexes.
 */
final class SourceTextStream implements CharStream {

    private final String name;
    private final String text;
    private final int begin;
    private final int end;
    private int index;

    SourceTextStream(String name, String text, int begin, int end) {
        if (begin < 0 || end > text.length() || begin > end) {
            throw new IllegalArgumentException("region [" + begin + ", " + end + ") outside a text of length " + text.length());
        }
        this.name = name;
        this.text = text;
        this.begin = begin;
        this.end = end;
        this.index = begin;
    }

    @Override
    public void consume() {
        if (index >= end) {
            throw new IllegalStateException("cannot consume EOF");
        }
        index++;
    }

    @Override
    public int LA(int i) {
        if (i == 0) {
            return 0;
        }
        int at = i > 0 ? index + i - 1 : index + i;
        if (at >= end) {
            return IntStream.EOF;
        }
        return at < begin ? 0 : text.charAt(at);
    }

    @Override
    public int mark() {
        return -1;
    }

    @Override
    public void release(int marker) {
        // the whole text is in memory; nothing to release
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public void seek(int target) {
        index = Math.max(begin, Math.min(target, end));
    }

    /** The end offset of the region: ANTLR compares indexes against it, and indexes are absolute. */
    @Override
    public int size() {
        return end;
    }

    @Override
    public String getSourceName() {
        return name;
    }

    @Override
    public String getText(Interval interval) {
        int from = Math.max(interval.a, begin);
        int to = Math.min(interval.b + 1, end);
        return from >= to ? "" : text.substring(from, to);
    }
}
