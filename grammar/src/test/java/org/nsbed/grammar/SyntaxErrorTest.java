package org.nsbed.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Syntax errors are the ones Tcl raises, reported where the unbalanced construct opened. */
class SyntaxErrorTest {

    private static SyntaxError onlyError(String text) {
        TclScript script = TclScript.parse("bad.ns", text);
        assertFalse(script.ok());
        assertEquals(1, script.errors().size(), () -> "errors: " + script.errors());
        return script.errors().get(0);
    }

    private static String at(SyntaxError error) {
        return error.position().line() + ":" + error.position().column();
    }

    @Test
    void unclosedBraceIsReportedAtTheOpeningBrace() {
        SyntaxError error = onlyError("set a 1\nset b {x y\nset c 2\n");
        assertEquals("2:7", at(error));
        assertEquals("unbalanced open brace: missing close-brace", error.message());
        assertEquals("bad.ns:2:7: error: unbalanced open brace: missing close-brace", error.diagnostic());
    }

    @Test
    void unclosedBraceInsideABodyIsReportedAtTheBodysOpeningBraceAsTclCountsThem() {
        String text = """
                set ns [new Simulator]
                proc mk {n} {
                    if {$n > 0} {
                        return [$ns node]

                }
                $ns run
                """;
        assertEquals("2:13", at(onlyError(text)));
    }

    @Test
    void unclosedBraceAtTheEndOfAFileWithoutNewlineIsReported() {
        assertEquals("1:17", at(onlyError("foreach i {1 2} {")));
    }

    @Test
    void unterminatedQuotedWordIsReportedAtTheOpeningQuote() {
        SyntaxError error = onlyError("set a 1\ntb-set-node-startup $n \"/bin/run\nset b 2\n");
        assertEquals("2:24", at(error));
        assertEquals("unterminated quoted word: missing close-quote", error.message());
    }

    @Test
    void unclosedBracketIsReportedAtTheOpeningBracket() {
        SyntaxError error = onlyError("set ns [new Simulator]\nset n [$ns node\nset m 2\n");
        assertEquals("2:7", at(error));
        assertEquals("unbalanced open bracket: missing close-bracket", error.message());
    }

    @Test
    void theInnermostOpenSubstitutionIsReportedLikeTclDoes() {
        assertEquals("1:12", at(onlyError("set a \"b c [foo d\n")));
        assertEquals("1:15", at(onlyError("set a [list x \"y\n")));
    }

    @Test
    void bracketsAndQuotesInsideBracesAreLiteral() {
        assertTrue(TclScript.parse("f", "set s {[}\nset q {\"}\nset t {]]}\n").ok());
    }

    @Test
    void braceInsideAQuotedWordIsLiteral() {
        TclScript script = TclScript.parse("f", "set a \"{\"\nset b \"x}\"\n");
        assertTrue(script.ok());
        assertEquals(2, script.commands().size());
    }

    @Test
    void escapedBracesDoNotCountTowardsNesting() {
        assertTrue(TclScript.parse("f", "set a {x \\{ y}\n").ok());
        assertEquals("1:7", at(onlyError("set a {x \\} y\n")));
    }

    @Test
    void extraCharactersAfterCloseBraceAreReportedAtTheFirstExtraCharacter() {
        SyntaxError error = onlyError("if {$x}{\n  puts y\n}\n");
        assertEquals("1:8", at(error));
        assertEquals("extra characters after close-brace", error.message());
    }

    @Test
    void extraCharactersAfterCloseQuoteAreReported() {
        SyntaxError error = onlyError("set a \"b\"c\n");
        assertEquals("1:10", at(error));
        assertEquals("extra characters after close-quote", error.message());
    }

    @Test
    void aCloseBraceMayBeFollowedByWhitespaceSemicolonCloseBracketOrBackslashNewline() {
        assertTrue(TclScript.parse("f", "set a {b};set c [list {d}]\nset e {f}\\\n  g\nset h {i}\r\n").ok());
    }

    @Test
    void argumentExpansionIsAWordPrefix() {
        TclScript script = TclScript.parse("f", "puts {*}$args {*}{a b} {*}\"c d\" {*}[list e] {*} x\n");
        assertTrue(script.ok());
        assertEquals(7, script.commands().get(0).words().size());
    }

    @Test
    void aBraceAfterAnExpansionIsStillCheckedForItsSeparator() {
        SyntaxError error = onlyError("puts {*}{a}b\n");
        assertEquals("1:12", at(error));
        assertEquals("extra characters after close-brace", error.message());
    }

    @Test
    void unclosedArrayIndexIsReportedAtTheVariable() {
        SyntaxError error = onlyError("set a 1\nset b $n(1\n");
        assertEquals("2:7", at(error));
        assertEquals("unbalanced open paren in array variable: missing )", error.message());
    }

    @Test
    void unclosedBracedVariableNameIsReportedAtTheVariable() {
        SyntaxError error = onlyError("set a ${name\nset b 2\n");
        assertEquals("1:7", at(error));
        assertEquals("unbalanced open brace in variable name: missing close-brace", error.message());
    }

    @Test
    void aBraceInACommentInsideABodyCountsAndTheHintNamesTheComment() {
        String text = """
                proc p {} {
                    # old version: if {$x} {
                    puts y
                }
                """;
        SyntaxError error = onlyError(text);
        assertEquals("1:11", at(error));
        assertEquals("unbalanced open brace: missing close-brace (possible unbalanced brace in the comment at line 2)",
                error.message());
    }

    @Test
    void aBraceInATopLevelCommentDoesNotCount() {
        assertTrue(TclScript.parse("f", "# if {\nset a 1 ;# {\n").ok());
    }

    @Test
    void errorsAreListedInTheOrderTclMeetsThemAndCommandsBeforeThemAreKept() {
        TclScript script = TclScript.parse("f", "set a 1\nset b {c}d\nset e [f\n");
        assertEquals(List.of("2:10 extra characters after close-brace", "3:7 unbalanced open bracket: missing close-bracket"),
                script.errors().stream().map(e -> at(e) + " " + e.message()).toList());
        assertEquals(List.of("set", "set", "set"), script.commands().stream().map(ScriptCommand::name).toList());
        assertEquals(1, script.commands().get(0).position().line());
    }

    @Test
    void nestingBeyondTheLimitIsAnErrorNotACrash() {
        String depth = "[list ".repeat(TclLexerBase.MAX_NESTING);
        assertTrue(TclScript.parse("f", "set a " + depth + "]".repeat(TclLexerBase.MAX_NESTING) + "\n").ok());
        String deeper = "{".repeat(100_000);
        SyntaxError error = onlyError("set a 1\nset b " + deeper + "\n");
        assertEquals("2:" + (7 + TclLexerBase.MAX_NESTING), at(error));
        assertEquals("nesting deeper than 200 levels of braces, brackets, quotes and array indexes", error.message());
    }

    @Test
    void anUnbalancedQuoteInsideABodyIsFoundWhenTheBodyIsRead() {
        String text = "set a 1\nforeach i {1 2} {\n    tb-set-node-startup $n($i) \"/bin/start\n}\n";
        TclScript script = TclScript.parse("loop.ns", text);
        assertTrue(script.ok(), "inside braces a quote is an ordinary character, as for Tcl's source");
        TclScript body = script.body(script.commands().get(1).words().get(3));
        assertEquals("loop.ns:3:32: error: unterminated quoted word: missing close-quote", body.errors().get(0).diagnostic());
    }

    @Test
    void errorsInAFragmentAreReportedInTheFilesTerms() {
        TclScript body = TclScript.parse("f.ns", "\n  set x [foo\n", 7, 20);
        assertEquals("f.ns:8:9: error: unbalanced open bracket: missing close-bracket", body.errors().get(0).diagnostic());
    }
}
