package org.nsbed.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.nsbed.interpreter.ir.Diagnostic;
import org.nsbed.interpreter.ir.LanMember;
import org.nsbed.interpreter.ir.VirtualLan;
import org.nsbed.interpreter.ir.VirtualNode;

/** Parsing helpers for the interpreter's tests. */
final class Ns {

  /** The usual first two lines; test files written with it start their own text on line 3. */
  static final String HEAD = "source tb_compat.tcl\nset ns [new Simulator]\n";

  private Ns() {}

  /** Full mode against {@link TestCatalog}. */
  static ParseResult full(String text) {
    return NsParser.parse(ParseRequest.of("test.ns", text, ParseMode.FULL, TestCatalog.INSTANCE));
  }

  /** Pass mode against {@link TestCatalog} (defaults only, no catalogue errors). */
  static ParseResult pass(String text) {
    return NsParser.parse(ParseRequest.of("test.ns", text, ParseMode.PASS, TestCatalog.INSTANCE));
  }

  /** Asserts the file parsed without errors and returns the result. */
  static ParseResult ok(ParseResult r) {
    assertTrue(r.ok(), () -> "expected no errors, got " + r.errors());
    return r;
  }

  /** Asserts the file failed with exactly one error and returns it. */
  static Diagnostic onlyError(ParseResult r) {
    List<Diagnostic> errors = r.errors();
    assertFalse(r.ok(), "expected the file to be rejected");
    assertEquals(1, errors.size(), () -> "expected one error, got " + errors);
    return errors.get(0);
  }

  /** Asserts an error mentioning {@code fragment} at {@code line}. */
  static Diagnostic errorAt(ParseResult r, int line, String fragment) {
    for (Diagnostic d : r.errors()) {
      if (d.message().contains(fragment)) {
        assertEquals(line, d.line(), () -> "error '" + d.format() + "' is on the wrong line");
        return d;
      }
    }
    throw new AssertionError("no error mentioning '" + fragment + "' in " + r.errors());
  }

  static VirtualNode node(ParseResult r, String name) {
    return r.ir().node(name).orElseThrow(() -> new AssertionError("no node " + name + " in "
        + r.ir().nodes().stream().map(VirtualNode::name).toList()));
  }

  static VirtualLan lan(ParseResult r, String name) {
    return r.ir().lan(name).orElseThrow(() -> new AssertionError("no link or LAN " + name + " in "
        + r.ir().lans().stream().map(VirtualLan::name).toList()));
  }

  static LanMember member(ParseResult r, String lan, String node) {
    return lan(r, lan).members().stream().filter(m -> m.node().equals(node)).findFirst()
        .orElseThrow(() -> new AssertionError(node + " is not in " + lan));
  }
}
