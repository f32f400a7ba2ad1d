package org.nsbed.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The NS files of Emulab's testsuite (all accepted by tclsh 8.6's parser) read cleanly. */
class EmulabTestsuiteTest {

    static Stream<Path> testsuiteFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(EmulabTestsuiteTest.class.getResource("/emulab-testsuite").toURI());
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.toString().endsWith(".ns")).sorted().toList();
        }
        assertEquals(36, files.size(), "the testsuite's NS files are all there");
        return files.stream();
    }

    static String read(String name) throws IOException, URISyntaxException {
        return Files.readString(Path.of(EmulabTestsuiteTest.class.getResource("/emulab-testsuite/" + name).toURI()));
    }

    @ParameterizedTest
    @MethodSource("testsuiteFiles")
    void everyTestsuiteFileParsesWithoutSyntaxErrors(Path file) throws IOException {
        TclScript script = TclScript.parse(file.getFileName().toString(), Files.readString(file));
        assertEquals(List.of(), script.errors());
        assertTrue(script.ok());
        assertFalse(script.commands().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("testsuiteFiles")
    void everyCommandPositionPointsAtTheCommandsTextInTheFile(Path file) throws IOException {
        String text = Files.readString(file);
        String[] lines = text.split("\n", -1);
        for (ScriptCommand command : TclScript.parse("f.ns", text).allCommands()) {
            String line = lines[command.position().line() - 1];
            String firstLineOfCommand = command.text().split("\n", -1)[0];
            assertEquals(firstLineOfCommand,
                    line.substring(command.position().column() - 1, command.position().column() - 1 + firstLineOfCommand.length()),
                    "command at " + command.position());
            assertEquals(command.text(), text.substring(command.startOffset(), command.endOffset()));
        }
    }

    @Test
    void inFilesOfOneLineCommandsEveryNonBlankNonCommentLineIsACommand() throws Exception {
        for (String name : List.of("tbcmd.ns", "complete5.ns", "basic.ns")) {
            String text = read(name);
            String[] lines = text.split("\n", -1);
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < lines.length; i++) {
                String trimmed = lines[i].strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    expected.add(i + 1);
                }
            }
            List<Integer> actual = TclScript.parse(name, text).commands().stream()
                    .map(c -> c.position().line()).toList();
            assertEquals(expected, actual, name);
        }
    }

    @Test
    void spinglassCommandsSpanningLoopsAreListedByTheirFirstLine() throws Exception {
        TclScript script = TclScript.parse("spinglass2.ns", read("spinglass2.ns"));

        List<String> top = script.commands().stream().map(c -> c.position().line() + " " + c.name()).toList();
        assertEquals(List.of("1 set", "2 source", "4 set", "5 set", "7 set", "8 set", "12 set", "13 set", "14 set",
                "15 foreach", "41 set", "43 set", "44 foreach", "49 $ns"), top);

        ScriptCommand outerLoop = script.commands().get(9);
        assertEquals(4, outerLoop.words().size());
        assertEquals(WordKind.BRACED, outerLoop.words().get(3).kind());

        List<String> nested = script.allCommands().stream()
                .filter(c -> c.startOffset() > outerLoop.startOffset() && c.endOffset() <= outerLoop.endOffset())
                .map(c -> c.position().line() + ":" + c.position().column() + " " + c.name())
                .toList();
        assertEquals(List.of("16:9 set", "16:21 set", "16:42 $ns", "17:9 lappend", "18:9 tb-set-node-startup",
                "20:9 foreach", "21:17 set", "22:17 for", "22:22 set", "22:32 $i", "22:42 incr",
                "23:25 set", "23:34 set", "23:55 $ns", "24:25 tb-set-hardware", "25:25 tb-set-node-startup",
                "27:25 lappend", "29:17 set", "29:26 set", "29:46 $ns", "30:17 tb-set-ip-lan", "31:17 set",
                "32:17 foreach", "33:25 tb-set-ip-lan", "34:25 incr", "36:17 incr", "38:9 incr"), nested);
    }
}
