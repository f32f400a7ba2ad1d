package org.nsbed.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Every command and word carries its exact line and column, also inside bodies and in CRLF files. */
class SourcePositionsTest {

    private static List<String> located(List<ScriptCommand> commands) {
        return commands.stream().map(c -> c.position().line() + ":" + c.position().column() + " " + c.name()).toList();
    }

    @Test
    void allCommandsDescendsIntoBodiesAndSubstitutionsWithFilePositions() {
        String text = """
                set ns [new Simulator]
                proc mk {sim name} {
                    global n
                    set n($name) [$sim node]
                    foreach os {FBSD-STD RHL-STD} {
                        tb-set-node-os $n($name) $os
                    }
                }
                mk $ns a
                """;
        TclScript script = TclScript.parse("topo.ns", text);
        assertEquals(List.of("1:1 set", "2:1 proc", "9:1 mk"), located(script.commands()));
        assertEquals(List.of("1:1 set", "1:9 new", "2:1 proc", "2:10 sim", "3:5 global", "4:5 set", "4:19 $sim",
                "5:5 foreach", "5:17 FBSD-STD", "6:9 tb-set-node-os", "9:1 mk"), located(script.allCommands()));
    }

    @Test
    void allCommandsWithinATopLevelCommandAreItsNestedCommands() {
        TclScript script = TclScript.parse("f", "set a [x]\nforeach i {1 2} {\n  y $i\n  z [w]\n}\nv\n");
        ScriptCommand loop = script.commands().get(1);
        assertEquals(List.of("2:1 foreach", "2:12 1", "3:3 y", "4:3 z", "4:6 w"), located(script.allCommandsWithin(loop)));
        assertEquals(List.of("6:1 v"), located(script.allCommandsWithin(script.commands().get(2))));
    }

    @Test
    void aBracedWordThatIsNotAScriptIsNotDescendedInto() {
        TclScript script = TclScript.parse("f", "set pattern {a [b}\nset c {x \"y}\n");
        assertTrue(script.ok());
        assertEquals(List.of("1:1 set", "2:1 set"), located(script.allCommands()));
    }

    @Test
    void commandsInsideQuotedWordsAndArrayIndexesAreFound() {
        TclScript script = TclScript.parse("f", "puts \"x [llength $l] y $a([expr 1])\"\n");
        assertEquals(List.of("1:1 puts", "1:10 llength", "1:28 expr"), located(script.allCommands()));
    }

    @Test
    void positionsAfterBackslashNewlineContinuationsAreExact() {
        String text = "set a \\\n    [foo \\\n  bar]\nbaz {\n  qux \\\n   quux\n  last\n}\n";
        TclScript script = TclScript.parse("f", text);
        assertEquals(List.of("1:1 set", "2:6 foo", "4:1 baz", "5:3 qux", "7:3 last"), located(script.allCommands()));
        Word bar = script.allCommands().get(1).words().get(1);
        assertEquals("3:3", bar.position().line() + ":" + bar.position().column());
    }

    @Test
    void crlfLineEndingsCountAsOneLineEnd() {
        String text = "set ns [new Simulator]\r\n# comment \\\r\n  continued\r\nforeach i {1 2} {\r\n"
                + "  tb-set-hardware \\\r\n    $n($i) pc\r\n}\r\n$ns run\r\n";
        TclScript script = TclScript.parse("win.ns", text);
        assertTrue(script.ok(), () -> "errors: " + script.errors());
        assertEquals(List.of("1:1 set", "4:1 foreach", "8:1 $ns"), located(script.commands()));
        assertEquals(List.of("1:1 set", "1:9 new", "4:1 foreach", "4:12 1", "5:3 tb-set-hardware", "8:1 $ns"),
                located(script.allCommands()));
        assertEquals(List.of("tb-set-hardware", "$n($i)", "pc"),
                script.allCommands().get(4).words().stream().map(Word::text).toList());
    }

    @Test
    void crlfErrorsAreReportedAtTheOpeningLine() {
        TclScript script = TclScript.parse("win.ns", "set a 1\r\nset b {\r\n  c\r\n");
        assertEquals("win.ns:2:7: error: unbalanced open brace: missing close-brace", script.errors().get(0).diagnostic());
    }

    @Test
    void aFragmentIsPlacedAtTheGivenLineAndColumn() {
        TclScript body = TclScript.parse("topo.ns", " tb-set-hardware $n pc\n  tb-fix-node $n pc7\n", 12, 30);
        assertEquals(List.of("12:31 tb-set-hardware", "13:3 tb-fix-node"), located(body.commands()));
        assertEquals(1, body.commands().get(0).startOffset());
    }

    @Test
    void offsetsAndTextOfCommandsAndWordsMatchTheSource() {
        String text = "  set a [list {b c} \"d\"] ;# note\n";
        ScriptCommand command = TclScript.parse("f", text).commands().get(0);
        assertEquals("set a [list {b c} \"d\"]", command.text());
        assertEquals(2, command.startOffset());
        assertEquals(24, command.endOffset());
        for (Word word : command.words()) {
            assertEquals(word.text(), text.substring(word.startOffset(), word.endOffset()));
        }
    }

    @Test
    void everyCommandOfAGeneratedFiveThousandNodeFileHasItsLine() {
        GeneratedNsFile file = GeneratedNsFile.withNodes(5000);
        TclScript script = TclScript.parse("big.ns", file.text());
        assertTrue(script.ok());
        assertEquals(file.commandLines(), script.commands().stream().map(c -> c.position().line()).toList());
        ScriptCommand loopBody = script.allCommands().get(script.allCommands().size() - 3);
        assertEquals("tb-set-node-failure-action", loopBody.name());
        assertEquals(file.commandLines().get(file.commandLines().size() - 3) + 1, loopBody.position().line());
    }
}
