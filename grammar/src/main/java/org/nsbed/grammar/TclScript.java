package org.nsbed.grammar;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.UnbufferedTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTreeListener;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * A Tcl script (an NS file, or a fragment of one) read with the ANTLR grammar: its syntax errors
 * and a source map of its commands.
 *
 * <p>Reading never throws on bad syntax: the errors are in {@link #errors()}, and the commands
 * read before and around them are still listed. Offsets are {@link String} indexes into the
 * text given to {@code parse}; positions are 1-based lines and columns.
 *
 * <p>The rules are Tcl 8's as {@code source} applies them to a file: {@code \r\n} is read as a
 * line end (so a backslash before it continues the line). The text itself is not rewritten;
 * whoever hands a CRLF file's text to an interpreter should turn {@code \r\n} into {@code \n}
 * first, as {@code source} does (lines stay the same, offsets shift).
 *
 * <p>Instances are immutable apart from the lazily computed {@link #allCommands()}.
 */
public final class TclScript {

    /** A command and the commands of its bracketed substitutions (braced words are read on demand). */
    private record CommandNode(ScriptCommand command, List<CommandNode> substitutions) {
    }

    private final String text;
    private final LineMap lines;
    private final List<SyntaxError> errors;
    private final List<CommandNode> nodes;
    private final List<ScriptCommand> commands;
    private List<ScriptCommand> allCommands;

    private TclScript(String text, LineMap lines, List<SyntaxError> errors, List<CommandNode> nodes) {
        this.text = text;
        this.lines = lines;
        this.errors = List.copyOf(errors);
        this.nodes = nodes;
        this.commands = nodes.stream().map(CommandNode::command).toList();
    }

    /** Reads a whole file. */
    public static TclScript parse(String file, String text) {
        return parse(file, text, 1, 1);
    }

    /**
     * Reads a fragment of a file (e.g. a loop body) whose first character stands at
     * {@code firstLine:firstColumn} of that file; positions are reported in the file's terms,
     * offsets relative to {@code text}.
     */
    public static TclScript parse(String file, String text, int firstLine, int firstColumn) {
        if (firstLine < 1 || firstColumn < 1) {
            throw new IllegalArgumentException("lines and columns start at 1, got " + firstLine + ":" + firstColumn);
        }
        return parseRegion(text, new LineMap(file, text, firstLine, firstColumn), 0, text.length());
    }

    /** The file name the script was read under. */
    public String file() {
        return lines.file();
    }

    /** The syntax errors, in the order Tcl would meet them; Tcl itself stops at the first. */
    public List<SyntaxError> errors() {
        return errors;
    }

    /** True when the script has no syntax error. */
    public boolean ok() {
        return errors.isEmpty();
    }

    /** The top-level commands in source order (comments are not commands). */
    public List<ScriptCommand> commands() {
        return commands;
    }

    /**
     * The top-level commands and, recursively, the commands inside their bracketed substitutions
     * and inside every braced word that reads cleanly as a script (a loop or proc body; a braced
     * word that is not a script, such as an unbalanced string, is not descended into), in source
     * order, with positions in the file's terms.
     */
    public List<ScriptCommand> allCommands() {
        if (allCommands == null) {
            List<ScriptCommand> all = new ArrayList<>();
            for (CommandNode node : nodes) {
                collect(node, all);
            }
            all.sort(Comparator.comparingInt(ScriptCommand::startOffset));
            allCommands = List.copyOf(all);
        }
        return allCommands;
    }

    /**
     * {@code outer} (a command of this script) and every command nested inside it, from
     * {@link #allCommands()}, in source order: where to look for the source of a command that
     * runs while {@code outer} runs (its loop or proc body, its substitutions).
     */
    public List<ScriptCommand> allCommandsWithin(ScriptCommand outer) {
        List<ScriptCommand> all = allCommands();
        int low = 0;
        int high = all.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (all.get(mid).startOffset() < outer.startOffset()) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        int end = low;
        while (end < all.size() && all.get(end).startOffset() < outer.endOffset()) {
            end++;
        }
        return all.subList(low, end);
    }

    /**
     * The inside of a braced word of this script read as a script (a loop or proc body), with
     * offsets and positions in this script's terms. Tcl reads a body only when it runs it, so
     * its syntax errors (an unbalanced quote or bracket inside braces) show up here, not in
     * {@link #errors()}.
     *
     * @throws IllegalArgumentException if the word is not a complete braced word of this script
     */
    public TclScript body(Word bracedWord) {
        int start = bracedWord.startOffset();
        int end = bracedWord.endOffset();
        if (bracedWord.kind() != WordKind.BRACED || !bracedWord.text().endsWith("}") || end > text.length()
                || !text.startsWith(bracedWord.text(), start)) {
            throw new IllegalArgumentException("not a braced word of " + file() + ": " + bracedWord);
        }
        return parseRegion(text, lines, start + 1, end - 1);
    }

    private void collect(CommandNode node, List<ScriptCommand> into) {
        into.add(node.command());
        for (CommandNode substitution : node.substitutions()) {
            collect(substitution, into);
        }
        for (Word word : node.command().words()) {
            if (word.kind() == WordKind.BRACED && word.text().endsWith("}")) {
                TclScript body = body(word);
                if (body.ok()) {
                    into.addAll(body.allCommands());
                }
            }
        }
    }

    private static TclScript parseRegion(String text, LineMap lines, int begin, int end) {
        List<SyntaxError> errors = new ArrayList<>();
        TclLexer lexer = new TclLexer(new SourceTextStream(lines.file(), text, begin, end));
        // No parse tree and no token buffer: the source map is built from rule events while
        // parsing, so memory stays proportional to the commands, not to the tokens.
        TclParser parser = new TclParser(new UnbufferedTokenStream<>(lexer));
        parser.setBuildParseTree(false);
        SourceMapBuilder sourceMap = new SourceMapBuilder(text, lines);
        parser.addParseListener(sourceMap);
        // The grammar accepts every token stream the lexer can produce; anything ANTLR still
        // complains about is reported rather than printed.
        BaseErrorListener unexpected = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
                                    String message, RecognitionException e) {
                int offset = offendingSymbol instanceof Token token ? token.getStartIndex()
                        : ((Lexer) recognizer)._tokenStartCharIndex;
                errors.add(new SyntaxError(lines.position(offset), "unexpected input: " + message));
            }
        };
        lexer.removeErrorListeners();
        lexer.addErrorListener(unexpected);
        parser.removeErrorListeners();
        parser.addErrorListener(unexpected);
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.script();

        List<SyntaxError> all = new ArrayList<>();
        for (TclLexerBase.LexicalError e : lexer.lexicalErrors()) {
            String message = e.commentHintOffset() < 0 ? e.message()
                    : e.message() + " (possible unbalanced brace in the comment at line "
                            + lines.position(e.commentHintOffset()).line() + ")";
            all.add(new SyntaxError(lines.position(e.offset()), message));
        }
        all.addAll(errors);
        return new TclScript(text, lines, all, sourceMap.topLevel());
    }

    /**
     * Builds commands and words with offsets and positions from the parser's rule events: a word
     * is complete when its rule exits, a command when its rule exits, and a command substitution
     * opens a nested script whose commands belong to the command being read around it.
     */
    private static final class SourceMapBuilder implements ParseTreeListener {

        private record OpenCommand(List<Word> words, List<CommandNode> substitutions) {
        }

        private final String text;
        private final LineMap lines;
        private final Deque<List<CommandNode>> scripts = new ArrayDeque<>();
        private final Deque<OpenCommand> open = new ArrayDeque<>();

        SourceMapBuilder(String text, LineMap lines) {
            this.text = text;
            this.lines = lines;
            scripts.push(new ArrayList<>());
        }

        List<CommandNode> topLevel() {
            return scripts.getLast();
        }

        @Override
        public void enterEveryRule(ParserRuleContext ctx) {
            if (ctx instanceof TclParser.CommandContext) {
                open.push(new OpenCommand(new ArrayList<>(), new ArrayList<>()));
            } else if (ctx instanceof TclParser.CommandSubstContext) {
                scripts.push(new ArrayList<>());
            }
        }

        @Override
        public void exitEveryRule(ParserRuleContext ctx) {
            if (ctx instanceof TclParser.WordContext word) {
                open.peek().words().add(word(word));
            } else if (ctx instanceof TclParser.CommandContext) {
                OpenCommand command = open.pop();
                List<Word> words = command.words();
                int start = words.get(0).startOffset();
                int end = words.get(words.size() - 1).endOffset();
                ScriptCommand read = new ScriptCommand(text.substring(start, end), words, start, end, lines.position(start));
                scripts.peek().add(new CommandNode(read, command.substitutions()));
            } else if (ctx instanceof TclParser.CommandSubstContext) {
                List<CommandNode> nested = scripts.pop();
                open.peek().substitutions().addAll(nested);
            }
        }

        private Word word(TclParser.WordContext word) {
            WordKind kind = word instanceof TclParser.BracedWordContext ? WordKind.BRACED
                    : word instanceof TclParser.QuotedWordContext ? WordKind.QUOTED
                    : WordKind.BARE;
            int start = word.getStart().getStartIndex();
            int end = Math.max(start, word.getStop().getStopIndex() + 1);
            return new Word(text.substring(start, end), kind, start, end, lines.position(start));
        }

        @Override
        public void visitTerminal(TerminalNode node) {
            // tokens carry nothing the source map needs beyond the rules' start and stop
        }

        @Override
        public void visitErrorNode(ErrorNode node) {
            // reported through the error listener
        }
    }
}
