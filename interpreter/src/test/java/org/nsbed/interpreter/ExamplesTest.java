package org.nsbed.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nsbed.interpreter.ir.Diagnostic;
import org.nsbed.interpreter.ir.VirtualNode;

/**
 * The files in examples-ns/: the valid ones parse in full mode; each broken one fails with the
 * error its {@code # expect-error: LINE: text} comment documents, at that line.
 */
class ExamplesTest {

  private static final Path EXAMPLES = Path.of("..", "examples-ns");
  private static final Pattern EXPECT = Pattern.compile("^# expect-error: (\\d+): (.+)$", Pattern.MULTILINE);

  private static ParseResult parse(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return NsParser.parse(ParseRequest.of(file.getFileName().toString(), text, ParseMode.FULL, TestCatalog.INSTANCE)
        .withLimits(new EvaluationLimits(Duration.ofSeconds(2), 256, 14000)));
  }

  static Stream<Path> brokenExamples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      List<Path> broken = files.filter(p -> p.getFileName().toString().startsWith("broken-")).sorted().toList();
      assertTrue(broken.size() >= 5, "examples-ns/ should hold the broken examples");
      return broken.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenExamples")
  void aBrokenExampleFailsWithItsDocumentedErrorAtItsLine(Path file) throws IOException {
    Matcher m = EXPECT.matcher(Files.readString(file, StandardCharsets.UTF_8));
    assertTrue(m.find(), file + " does not document its error with '# expect-error: LINE: text'");
    int line = Integer.parseInt(m.group(1));
    String expected = m.group(2);
    ParseResult r = parse(file);
    assertTrue(!r.ok(), file + " was accepted");
    Diagnostic first = r.errors().get(0);
    String shown = (first.command() != null ? "[" + first.command() + "] " : "") + first.message();
    assertTrue(shown.contains(expected), () -> "first error of " + file + " is '" + first.format() + "'");
    assertEquals(line, first.line(), () -> "first error of " + file + " is '" + first.format() + "'");
  }

  @Test
  void theSeedExampleHasTwoNodesWithTheirOsesAndOneNonfatal() throws IOException {
    ParseResult r = Ns.ok(parse(EXAMPLES.resolve("seed.ns")));
    assertEquals(List.of("nodeA", "nodeB"), r.ir().nodes().stream().map(VirtualNode::name).toList());
    assertEquals("FBSD-STD", Ns.node(r, "nodeA").os());
    assertEquals("Ubuntu-STD", Ns.node(r, "nodeB").os());
    assertEquals("fatal", Ns.node(r, "nodeA").failureAction());
    assertEquals("nonfatal", Ns.node(r, "nodeB").failureAction());
  }

  @Test
  void theLoopExampleBuildsALanOfTwelveAndAChain() throws IOException {
    ParseResult r = Ns.ok(parse(EXAMPLES.resolve("lan-loop.ns")));
    assertEquals(12, r.ir().nodes().size());
    assertEquals(12, Ns.lan(r, "big-lan").members().size());
    assertEquals(11, r.ir().lans().stream().filter(l -> l.name().startsWith("chain-")).count());
    assertEquals("nonfatal", Ns.node(r, "node-3").failureAction());
    assertEquals("Ubuntu-STD", Ns.node(r, "node-2").os());
  }

  static Stream<Path> validExamples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".ns"))
          .filter(p -> !p.getFileName().toString().startsWith("broken-")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validExamples")
  void aValidExampleParsesWithoutErrors(Path file) throws IOException {
    Ns.ok(parse(file));
  }

  @Test
  void theTcl86ExampleNamesTheLansItsProcMakesAndComputesWith64BitIntegers() throws IOException {
    ParseResult r = Ns.ok(parse(EXAMPLES.resolve("tcl86-roles.ns")));
    assertEquals(List.of("node-app1", "node-db1", "node-web1", "node-web2"),
        r.ir().nodes().stream().map(VirtualNode::name).sorted().toList());
    assertEquals(3, Ns.lan(r, "lans-front").members().size());
    assertEquals(1_000_000, Ns.lan(r, "lans-front").members().get(0).bandwidthKbps());
    assertEquals(500_000, Ns.lan(r, "lans-back").members().get(0).bandwidthKbps());
    assertEquals("FBSD-STD", Ns.node(r, "node-db1").os());
    assertEquals("nonfatal", Ns.node(r, "node-db1").failureAction());
  }
}
