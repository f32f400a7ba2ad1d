package org.nsbed.grammar;

import java.util.Optional;

/** The substitution-free value of a word, decoded the way Tcl 8.6 decodes it. */
final class WordValues {

    private WordValues() {
    }

    static Optional<String> literal(String raw, WordKind kind) {
        // Tcl's source reads a file with \r\n line ends as if they were \n.
        String text = raw.indexOf('\r') < 0 ? raw : raw.replace("\r\n", "\n");
        return switch (kind) {
            case BRACED -> text.length() >= 2 && text.endsWith("}")
                    ? Optional.of(bracedValue(text.substring(1, text.length() - 1)))
                    : Optional.empty();
            case QUOTED -> text.length() >= 2 && text.endsWith("\"")
                    ? substitutionFree(text.substring(1, text.length() - 1))
                    : Optional.empty();
            case BARE -> substitutionFree(text);
        };
    }

    /** Inside braces the only substitution is backslash-newline (plus following blanks) to a space. */
    private static String bracedValue(String inner) {
        if (inner.indexOf('\\') < 0) {
            return inner;
        }
        StringBuilder out = new StringBuilder(inner.length());
        int i = 0;
        while (i < inner.length()) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length()) {
                if (inner.charAt(i + 1) == '\n') {
                    out.append(' ');
                    i = skipBlanks(inner, i + 2);
                } else {
                    out.append(c).append(inner.charAt(i + 1));
                    i += 2;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static Optional<String> substitutionFree(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '[' || (c == '$' && startsVariable(s, i + 1))) {
                return Optional.empty();
            }
            if (c == '\\') {
                i = backslash(s, i + 1, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return Optional.of(out.toString());
    }

    /** Mirrors the lexer: a name character, "::", '{' or '(' after '$' makes a substitution. */
    private static boolean startsVariable(String s, int i) {
        if (i >= s.length()) {
            return false;
        }
        char c = s.charAt(i);
        return isNameChar(c) || c == '{' || c == '('
                || (c == ':' && i + 1 < s.length() && s.charAt(i + 1) == ':');
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** Decodes the escape whose backslash precedes {@code i}; returns the index after it. */
    private static int backslash(String s, int i, StringBuilder out) {
        if (i >= s.length()) {
            out.append('\\');
            return i;
        }
        char c = s.charAt(i);
        switch (c) {
            case '\n' -> {
                out.append(' ');
                return skipBlanks(s, i + 1);
            }
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000B');
            case 'x' -> {
                return hex(s, i + 1, 2, c, out);
            }
            case 'u' -> {
                return hex(s, i + 1, 4, c, out);
            }
            case 'U' -> {
                return hex(s, i + 1, 8, c, out);
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    int end = i;
                    int value = 0;
                    while (end < s.length() && end < i + 3 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
                        value = value * 8 + (s.charAt(end) - '0');
                        end++;
                    }
                    out.append((char) (value & 0xFF));
                    return end;
                }
                out.append(c);
            }
        }
        return i + 1;
    }

    private static int hex(String s, int i, int maxDigits, char letter, StringBuilder out) {
        int end = i;
        int value = 0;
        while (end < s.length() && end < i + maxDigits && Character.digit(s.charAt(end), 16) >= 0) {
            value = value * 16 + Character.digit(s.charAt(end), 16);
            end++;
        }
        if (end == i) {
            out.append(letter);
        } else if (Character.isValidCodePoint(value)) {
            out.appendCodePoint(value);
        } else {
            out.append('\uFFFD');
        }
        return end;
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
