package org.nsbed.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** How Tcl splits a script into commands and words: comments, quoting, substitutions, continuations. */
class WordsAndCommentsTest {

    private static List<List<String>> words(String text) {
        TclScript script = TclScript.parse("f", text);
        assertTrue(script.ok(), () -> "errors: " + script.errors());
        return script.commands().stream().map(c -> c.words().stream().map(Word::text).toList()).toList();
    }

    @Test
    void hashAtTheStartOfACommandBeginsAComment() {
        assertEquals(List.of(List.of("set", "a", "1")), words("# a comment\n  # indented\nset a 1\n"));
    }

    @Test
    void hashAfterASemicolonBeginsAComment() {
        assertEquals(List.of(List.of("set", "a", "1")), words("set a 1 ;# the first node {\n"));
    }

    @Test
    void hashInsideOrAtTheStartOfALaterWordIsNotAComment() {
        assertEquals(List.of(List.of("set", "a", "b#c"), List.of("set", "d", "#e")), words("set a b#c\nset d #e\n"));
    }

    @Test
    void aCommentLineEndingInBackslashContinuesOnTheNextLine() {
        TclScript script = TclScript.parse("f", "# note \\\nset x 1\nset y 2\n");
        assertEquals(List.of("set y 2"), script.commands().stream().map(ScriptCommand::text).toList());
        assertEquals(3, script.commands().get(0).position().line());
    }

    @Test
    void anEvenRunOfBackslashesDoesNotContinueAComment() {
        assertEquals(List.of(List.of("set", "x", "1")), words("# note \\\\\nset x 1\n"));
    }

    @Test
    void aBackslashAtTheVeryEndOfTheFileBelongsToTheComment() {
        assertEquals(List.of(List.of("set", "a", "[list\n# inner \\\\\n]")), words("set a [list\n# inner \\\\\n]\n# last \\"));
    }

    @Test
    void aCommentInsideBracketsRunsToTheEndOfTheLine() {
        assertEquals(List.of(List.of("set", "a", "[# c ]\nlist]")), words("set a [# c ]\nlist]\n"));
    }

    @Test
    void semicolonsAndNewlinesSeparateCommands() {
        assertEquals(List.of(List.of("a"), List.of("b", "c"), List.of("d")), words("a;b c\n\n;;d"));
    }

    @Test
    void bracedWordsNestAndKeepWhitespace() {
        assertEquals(List.of(List.of("set", "a", "{x {y z} w}")), words("set a {x {y z} w}"));
    }

    @Test
    void quotedWordsKeepWhitespaceAndBrackets() {
        assertEquals(List.of(List.of("$ns", "make-lan", "\"$a $b [list c d]\"", "100Mb", "0ms")),
                words("$ns make-lan \"$a $b [list c d]\" 100Mb 0ms"));
    }

    @Test
    void aQuoteOrBraceInsideABareWordIsAnOrdinaryCharacter() {
        assertEquals(List.of(List.of("set", "a", "x\"y", "p{q}")), words("set a x\"y p{q}"));
    }

    @Test
    void commandSubstitutionsNestAndMayHoldWhitespace() {
        assertEquals(List.of(List.of("set", "l", "[$ns duplex-link [lindex $n 0] $b 1Mb 0ms DropTail]")),
                words("set l [$ns duplex-link [lindex $n 0] $b 1Mb 0ms DropTail]"));
    }

    @Test
    void anArrayIndexMayHoldSpacesAndSubstitutions() {
        assertEquals(List.of(List.of("set", "x", "$n($i [expr {$j + 1}])")), words("set x $n($i [expr {$j + 1}])"));
    }

    @Test
    void aBracedVariableNameMayHoldAnything() {
        assertEquals(List.of(List.of("puts", "${a b}c")), words("puts ${a b}c"));
    }

    @Test
    void backslashNewlineSeparatesWordsAndContinuesTheCommand() {
        TclScript script = TclScript.parse("f", "$ns duplex-link $a $b \\\n    100Mb 0ms \\\n    DropTail\nset c d\n");
        assertEquals(List.of("$ns", "duplex-link", "$a", "$b", "100Mb", "0ms", "DropTail"),
                script.commands().get(0).words().stream().map(Word::text).toList());
        ScriptCommand next = script.commands().get(1);
        assertEquals(4, next.position().line());
        Word dropTail = script.commands().get(0).words().get(6);
        assertEquals(new SourcePosition("f", 3, 5), dropTail.position());
    }

    @Test
    void backslashNewlineInsideAQuotedWordKeepsOneWord() {
        assertEquals(List.of(List.of("set", "s", "\"a \\\n   b\"")), words("set s \"a \\\n   b\""));
    }

    @Test
    void backslashEscapesKeepSpecialCharactersInsideAWord() {
        assertEquals(List.of(List.of("set", "a", "x\\ y\\;z\\[w\\]")), words("set a x\\ y\\;z\\[w\\]"));
    }

    @Test
    void wordKindsFollowTheirFirstCharacter() {
        List<Word> ws = TclScript.parse("f", "cmd {a} \"b\" c{d} \"\"").commands().get(0).words();
        assertEquals(List.of(WordKind.BARE, WordKind.BRACED, WordKind.QUOTED, WordKind.BARE, WordKind.QUOTED),
                ws.stream().map(Word::kind).toList());
    }

    @Test
    void commandNameStripsBracesAndQuotesAndKeepsSubstitutionsRaw() {
        TclScript script = TclScript.parse("f", "{tb-set-hardware} $n pc\n\"tb-fix-node\" $n pc1\n$ns run\ntb\\x2dset x\n");
        assertEquals(List.of("tb-set-hardware", "tb-fix-node", "$ns", "tb-set"),
                script.commands().stream().map(ScriptCommand::name).toList());
    }

    @Test
    void literalValuesAreDecodedOnlyWhenNoSubstitutionIsNeeded() {
        List<Word> ws = TclScript.parse("f", "x a\\tb \"c d\" {e $f} $g \"h[i]\" {j\\\n   k} \\101 $ 1$").commands().get(0).words();
        assertEquals(List.of(Optional.of("x"), Optional.of("a\tb"), Optional.of("c d"), Optional.of("e $f"),
                        Optional.empty(), Optional.empty(), Optional.of("j k"), Optional.of("A"),
                        Optional.of("$"), Optional.of("1$")),
                ws.stream().map(Word::literal).toList());
    }

    @Test
    void literalValuesReadCrlfLineEndsAsNewlinesLikeTclsSource() {
        List<Word> ws = TclScript.parse("f", "x \"a\r\nb\" {c\\\r\n  d}\r\n").commands().get(0).words();
        assertEquals(List.of(Optional.of("x"), Optional.of("a\nb"), Optional.of("c d")),
                ws.stream().map(Word::literal).toList());
    }
}
