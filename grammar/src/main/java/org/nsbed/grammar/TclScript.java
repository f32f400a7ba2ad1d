package org.nsbed.grammar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * A Tcl script (an NS file, or a fragment of one) read with the ANTLR grammar: its syntax errors
 * and a source map of its commands.
 *
 * <p>Reading never throws on bad syntax: the errors are in {@link #errors()}, and the commands
 * read before and around them are still listed. Offsets are {@link String} indexes into the
 * text given to {@code parse}; positions are 1-based lines and columns.
 */
public final class TclScript {

    /** A command with what lies inside it: commands of its bracketed substitutions, its braced words. */
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

    private void collect(CommandNode node, List<ScriptCommand> into) {
        into.add(node.command());
        for (CommandNode substitution : node.substitutions()) {
            collect(substitution, into);
        }
        for (Word word : node.command().words()) {
            if (word.kind() == WordKind.BRACED && word.text().endsWith("}")) {
                TclScript body = parseRegion(text, lines, word.startOffset() + 1, word.endOffset() - 1);
                if (body.ok()) {
                    into.addAll(body.allCommands());
                }
            }
        }
    }

    private static TclScript parseRegion(String text, LineMap lines, int begin, int end) {
        List<SyntaxError> errors = new ArrayList<>();
        TclLexer lexer = new TclLexer(new SourceTextStream(lines.file(), text, begin, end));
        TclParser parser = new TclParser(new CommonTokenStream(lexer));
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

        TclParser.ScriptContext tree = parser.script();
        List<SyntaxError> lexical = new ArrayList<>();
        for (TclLexerBase.LexicalError e : lexer.lexicalErrors()) {
            String message = e.commentHintOffset() < 0 ? e.message()
                    : e.message() + " (possible unbalanced brace in the comment at line "
                            + lines.position(e.commentHintOffset()).line() + ")";
            lexical.add(new SyntaxError(lines.position(e.offset()), message));
        }
        lexical.addAll(errors);
        return new TclScript(text, lines, lexical, new TreeReader(text, lines).body(tree.body()));
    }

    /** Turns the parse tree into commands and words with offsets and positions. */
    private static final class TreeReader {
        private final String text;
        private final LineMap lines;

        TreeReader(String text, LineMap lines) {
            this.text = text;
            this.lines = lines;
        }

        List<CommandNode> body(TclParser.BodyContext body) {
            List<CommandNode> commands = new ArrayList<>();
            for (TclParser.CommandLineContext line : body.commandLine()) {
                TclParser.CommandContext command = line.command();
                if (command != null) {
                    commands.add(command(command));
                }
            }
            return commands;
        }

        private CommandNode command(TclParser.CommandContext command) {
            List<Word> words = new ArrayList<>();
            List<CommandNode> substitutions = new ArrayList<>();
            for (TclParser.WordContext word : command.word()) {
                words.add(word(word));
                substitutions(word, substitutions);
            }
            int start = words.get(0).startOffset();
            int end = words.get(words.size() - 1).endOffset();
            ScriptCommand read = new ScriptCommand(text.substring(start, end), words, start, end, lines.position(start));
            return new CommandNode(read, substitutions);
        }

        private Word word(TclParser.WordContext word) {
            WordKind kind = word instanceof TclParser.BracedWordContext ? WordKind.BRACED
                    : word instanceof TclParser.QuotedWordContext ? WordKind.QUOTED
                    : WordKind.BARE;
            int start = word.getStart().getStartIndex();
            int end = Math.max(start, word.getStop().getStopIndex() + 1);
            return new Word(text.substring(start, end), kind, start, end, lines.position(start));
        }

        private void substitutions(ParserRuleContext context, List<CommandNode> into) {
            if (context.children == null) {
                return;
            }
            for (ParseTree child : context.children) {
                if (child instanceof TclParser.CommandSubstContext substitution) {
                    into.addAll(body(substitution.body()));
                } else if (child instanceof ParserRuleContext rule && !(rule instanceof TclParser.BracedContext)) {
                    substitutions(rule, into);
                }
            }
        }
    }
}
