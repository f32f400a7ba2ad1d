package org.nsbed.interpreter.isolation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.nsbed.interpreter.catalog.NsCatalog;
import org.nsbed.interpreter.catalog.NsCatalog.HardwareType;

/**
 * Catalogue questions and answers between an isolated evaluation and its parent: the child asks
 * ({@code ?} + a JSON line on its stdout), the parent answers with a JSON line on the child's
 * stdin. The child can learn only what the NS file could learn anyway.
 */
final class CatalogProtocol {

  static final ObjectMapper MAPPER = new ObjectMapper();

  /** The prefix of a question line. */
  static final String QUESTION = "?";
  /** The line after which the result document follows. */
  static final String RESULT = "=";

  private CatalogProtocol() {}

  static ObjectNode question(String method, String arg) {
    ObjectNode q = MAPPER.createObjectNode();
    q.put("method", method);
    q.put("arg", arg);
    return q;
  }

  /** The parent's answer to a question, from its catalogue. */
  static ObjectNode answer(NsCatalog catalog, JsonNode question) {
    String arg = question.path("arg").asText();
    ObjectNode a = MAPPER.createObjectNode();
    switch (question.path("method").asText()) {
      case "osidVisible" -> a.put("v", catalog.osidVisible(arg));
      case "typePermitted" -> a.put("v", catalog.typePermitted(arg));
      case "parentOsids" -> {
        ArrayNode parents = a.putArray("v");
        catalog.parentOsids(arg).forEach(parents::add);
      }
      case "physicalNodeType" -> {
        Optional<String> t = catalog.physicalNodeType(arg);
        if (t.isPresent()) {
          a.put("v", t.get());
        } else {
          a.putNull("v");
        }
      }
      case "hardwareType" -> {
        Optional<HardwareType> t = catalog.hardwareType(arg);
        if (t.isPresent()) {
          a.set("v", MAPPER.valueToTree(t.get()));
        } else {
          a.putNull("v");
        }
      }
      default -> a.putNull("v");
    }
    return a;
  }

  static Set<String> strings(JsonNode array) {
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode n : array) {
      out.add(n.asText());
    }
    return out;
  }
}
