package org.nsbed.interpreter.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.nsbed.interpreter.ParseResult;
import org.nsbed.interpreter.ir.Diagnostic;
import org.nsbed.interpreter.ir.VirtualExperiment;

/**
 * The {@code nsbed-ir/1} document: {@code format}, {@code source}, {@code ok}, the fields of the
 * {@link VirtualExperiment}, {@code diagnostics} and (when the file printed anything)
 * {@code output}.
 */
public final class IrJson {

  /** The format tag of the document. */
  public static final String FORMAT = "nsbed-ir/1";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(SerializationFeature.INDENT_OUTPUT, true);

  private IrJson() {}

  /** The document of a result. */
  public static String write(ParseResult result) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("source", result.source());
    root.put("ok", result.ok());
    root.setAll((ObjectNode) MAPPER.valueToTree(result.ir()));
    root.set("diagnostics", MAPPER.valueToTree(result.diagnostics()));
    if (!result.output().isEmpty()) {
      root.put("output", result.output());
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the IR: " + e.getOriginalMessage(), e);
    }
  }

  /** Reads a document written by {@link #write}. */
  public static ParseResult read(String json) {
    try {
      JsonNode root = MAPPER.readTree(json);
      if (root == null || !FORMAT.equals(root.path("format").asText())) {
        throw new IllegalArgumentException("not an " + FORMAT + " document");
      }
      VirtualExperiment ir = MAPPER.treeToValue(root, VirtualExperiment.class);
      List<Diagnostic> diagnostics = new ArrayList<>();
      for (JsonNode d : root.path("diagnostics")) {
        diagnostics.add(MAPPER.treeToValue(d, Diagnostic.class));
      }
      return new ParseResult(root.path("source").asText(), root.path("ok").asBoolean(), ir, diagnostics,
          root.path("output").asText(""));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed " + FORMAT + " document: " + e.getOriginalMessage(), e);
    }
  }
}
