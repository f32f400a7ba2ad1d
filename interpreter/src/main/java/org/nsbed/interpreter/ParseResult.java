package org.nsbed.interpreter;

import java.util.List;
import org.nsbed.interpreter.ir.Diagnostic;
import org.nsbed.interpreter.ir.VirtualExperiment;
import org.nsbed.interpreter.json.IrJson;

/**
 * The outcome of parsing an NS file: the IR and the diagnostics. {@code ok} is false iff there
 * is at least one error; the IR is present either way (empty when the file could not be read).
 *
 * @param source the file name as given
 * @param ok no errors
 * @param ir the virtual experiment
 * @param diagnostics errors and warnings in the order they were found
 * @param output what the file printed with {@code puts}
 */
public record ParseResult(String source, boolean ok, VirtualExperiment ir, List<Diagnostic> diagnostics,
    String output) {

  public ParseResult {
    diagnostics = List.copyOf(diagnostics);
    output = output == null ? "" : output;
  }

  /** A result from its diagnostics: ok iff none is an error. */
  public static ParseResult of(String source, VirtualExperiment ir, List<Diagnostic> diagnostics, String output) {
    return new ParseResult(source, diagnostics.stream().noneMatch(Diagnostic::isError), ir, diagnostics, output);
  }

  /** The errors only. */
  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }

  /** The {@code nsbed-ir/1} JSON document (docs/interfaces.md, "The IR document"). */
  public String toJson() {
    return IrJson.write(this);
  }

  /** Reads a document written by {@link #toJson()}. */
  public static ParseResult fromJson(String json) {
    return IrJson.read(json);
  }
}
