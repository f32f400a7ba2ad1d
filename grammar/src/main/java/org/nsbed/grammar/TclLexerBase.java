package org.nsbed.grammar;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.misc.Pair;

/**
 * The context Tcl's lexical rules depend on, for the generated {@code TclLexer}: whether the next
 * character starts a word or a command (for braces, quotes and comments), whether a command
 * substitution is open (for {@code ]}), and the stack of constructs opened and not yet closed.
 *
 * <p>It also finds the syntax errors, the way Tcl's parser does:
 * <ul>
 * <li>a word that ends in a close-brace or close-quote must be followed by whitespace, a command
 *     end or the end of the script ("extra characters after close-brace");</li>
 * <li>a construct still open at the end of the input is reported where it opened (for braces,
 *     the outermost of the nested braces, since only counting tells them apart); the lexer then
 *     closes every open construct with zero-width tokens so the parser sees a balanced stream.</li>
 * </ul>
 */
abstract class TclLexerBase extends Lexer {

    /** A syntax error found while reading: where, what, and where a hint points (or -1). */
    record LexicalError(int offset, String message, int commentHintOffset) {
    }

    private record Opener(int type, int offset) {
    }

    /**
     * Deepest nesting of braces, brackets, quotes and array indexes accepted. Real NS files nest
     * a handful of levels; the limit keeps the recursive parse of a hostile file within the stack.
     */
    static final int MAX_NESTING = 200;

    private final Deque<Opener> openers = new ArrayDeque<>();
    private final Deque<Token> pending = new ArrayDeque<>();
    private final List<LexicalError> errors = new ArrayList<>();
    private boolean wordStart = true;
    private boolean commandStart = true;
    /** The word just emitted ended with '}' or '"' (0 otherwise); only a separator may follow. */
    private char closedWith;
    /** Set after an error that makes the rest of the input meaningless to Tcl. */
    private boolean stopped;

    protected TclLexerBase(CharStream input) {
        super(input);
    }

    /** The syntax errors found, in the order a left-to-right reader meets them. */
    List<LexicalError> lexicalErrors() {
        return errors;
    }

    boolean atWordStart() {
        return wordStart;
    }

    /** After "{*}": the word goes on (so "{*}" is an expansion prefix, not the word "*"). */
    boolean expansionFollows() {
        int next = _input.LA(1);
        return next != CharStream.EOF && " \t\f\u000B\r\n;]".indexOf(next) < 0;
    }

    boolean atCommandStart() {
        return commandStart;
    }

    /** In the default mode, a mode on the stack can only have been pushed by '['. */
    boolean inCommandSubstitution() {
        return !_modeStack.isEmpty();
    }

    @Override
    public Token nextToken() {
        if (!pending.isEmpty()) {
            return pending.poll();
        }
        Token token = super.nextToken();
        if (token.getType() != Token.EOF || openers.isEmpty()) {
            return token;
        }
        if (!stopped) {
            reportUnclosed();
        }
        while (!openers.isEmpty()) {
            pending.add(zeroWidth(closerOf(openers.pop().type()), token.getStartIndex()));
        }
        _modeStack.clear();
        _mode = DEFAULT_MODE;
        pending.add(token);
        return pending.poll();
    }

    @Override
    public Token emit() {
        Token token = super.emit();
        int type = token.getType();
        if (closedWith != 0) {
            checkSeparatorAfterClose(token);
        }
        switch (type) {
            case TclLexer.WS -> wordStart = true;
            case TclLexer.EXPAND -> {
                wordStart = true;
                commandStart = false;
            }
            case TclLexer.NEWLINE, TclLexer.SEMI, TclLexer.LBRACKET -> {
                wordStart = true;
                commandStart = true;
            }
            default -> {
                wordStart = false;
                commandStart = false;
            }
        }
        switch (type) {
            case TclLexer.BRACE_OPEN, TclLexer.QUOTE_OPEN, TclLexer.LBRACKET, TclLexer.VAR_ARRAY -> {
                openers.push(new Opener(type, token.getStartIndex()));
                if (openers.size() > MAX_NESTING && !stopped) {
                    errors.add(new LexicalError(token.getStartIndex(), "nesting deeper than " + MAX_NESTING
                            + " levels of braces, brackets, quotes and array indexes", -1));
                    stop();
                }
            }
            case TclLexer.BRACE_CLOSE -> {
                openers.pop();
                if (_mode == DEFAULT_MODE) {
                    closedWith = '}';
                }
            }
            case TclLexer.QUOTE_CLOSE -> {
                openers.pop();
                closedWith = '"';
            }
            case TclLexer.RBRACKET, TclLexer.VAR_INDEX_CLOSE -> openers.pop();
            case TclLexer.VAR_BRACED_OPEN -> {
                // Tcl reads a braced variable name up to the next '}' whatever lies between;
                // there is none, so the whole rest of the input would be the name.
                errors.add(new LexicalError(token.getStartIndex(),
                        "unbalanced open brace in variable name: missing close-brace", -1));
                stop();
            }
            default -> {
                // other tokens open or close nothing
            }
        }
        return token;
    }

    /** Ends reading: the next token is the end of input, where open constructs get closed. */
    private void stop() {
        stopped = true;
        _input.seek(_input.size());
    }

    private void checkSeparatorAfterClose(Token next) {
        int type = next.getType();
        boolean separator = type == TclLexer.WS || type == TclLexer.NEWLINE || type == TclLexer.SEMI
                || type == TclLexer.RBRACKET;
        if (!separator && !stopped) {
            String message = closedWith == '"' ? "extra characters after close-quote" : "extra characters after close-brace";
            errors.add(new LexicalError(next.getStartIndex(), message, -1));
        }
        closedWith = 0;
    }

    private void reportUnclosed() {
        Opener innermost = openers.peek();
        switch (innermost.type()) {
            case TclLexer.BRACE_OPEN -> {
                Opener outermost = innermost;
                for (Opener o : openers) {
                    if (o.type() != TclLexer.BRACE_OPEN) {
                        break;
                    }
                    outermost = o;
                }
                errors.add(new LexicalError(outermost.offset(), "unbalanced open brace: missing close-brace",
                        braceInCommentHint(outermost.offset())));
            }
            case TclLexer.QUOTE_OPEN -> errors.add(new LexicalError(innermost.offset(),
                    "unterminated quoted word: missing close-quote", -1));
            case TclLexer.LBRACKET -> errors.add(new LexicalError(innermost.offset(),
                    "unbalanced open bracket: missing close-bracket", -1));
            default -> errors.add(new LexicalError(innermost.offset(),
                    "unbalanced open paren in array variable: missing )", -1));
        }
    }

    /**
     * Tcl's own guess for a missing close-brace: an open brace after "#" on one line of the
     * body is probably a comment the user thought braces do not count in. Returns the offset
     * of that "#" (the last such one), or -1.
     */
    private int braceInCommentHint(int braceOffset) {
        String body = _input.getText(Interval.of(braceOffset, _input.size() - 1));
        boolean openBraceLater = false;
        for (int i = body.length() - 1; i > 0; i--) {
            char c = body.charAt(i);
            if (c == '{') {
                openBraceLater = true;
            } else if (c == '\n') {
                openBraceLater = false;
            } else if (c == '#' && openBraceLater && Character.isWhitespace(body.charAt(i - 1))) {
                return braceOffset + i;
            }
        }
        return -1;
    }

    private static int closerOf(int openerType) {
        return switch (openerType) {
            case TclLexer.BRACE_OPEN -> TclLexer.BRACE_CLOSE;
            case TclLexer.QUOTE_OPEN -> TclLexer.QUOTE_CLOSE;
            case TclLexer.LBRACKET -> TclLexer.RBRACKET;
            default -> TclLexer.VAR_INDEX_CLOSE;
        };
    }

    private Token zeroWidth(int type, int offset) {
        CommonToken token = new CommonToken(new Pair<>(this, _input), type, DEFAULT_TOKEN_CHANNEL, offset, offset - 1);
        token.setText("");
        return token;
    }
}
