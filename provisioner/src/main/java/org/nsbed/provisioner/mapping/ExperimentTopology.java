package org.nsbed.provisioner.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What mapping needs from an experiment's parsed NS file: its nodes (type, OS, failure action,
 * fixed node) and vtypes, read from the stored IR JSON (docs/interfaces.md, "The IR document").
 *
 * @param nodes the virtual nodes in NS-file order
 * @param vtypes vtype name → the node types it stands for
 */
public record ExperimentTopology(List<VirtualNode> nodes, Map<String, List<String>> vtypes) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A virtual node.
   *
   * @param name its name in the NS file
   * @param type the node type, class or vtype it asked for ({@code pc} when it asked for none)
   * @param os the OS name it asked for, or null for its node type's default
   * @param failureAction fatal, nonfatal or ignore
   * @param fixed the physical node it is fixed to, or null
   */
  public record VirtualNode(String name, String type, String os, String failureAction, String fixed) {}

  public ExperimentTopology {
    nodes = List.copyOf(nodes);
    vtypes = Map.copyOf(vtypes);
  }

  /** Reads the IR JSON. */
  public static ExperimentTopology fromIrJson(String irJson) {
    JsonNode root;
    try {
      root = JSON.readTree(irJson);
    } catch (IOException e) {
      throw new IllegalArgumentException("stored IR is not valid JSON: " + e.getMessage(), e);
    }
    List<VirtualNode> nodes = new ArrayList<>();
    for (JsonNode n : root.path("nodes")) {
      nodes.add(new VirtualNode(n.path("name").asText(), text(n, "type", "pc"), text(n, "os", null),
          text(n, "failureAction", "fatal"), text(n, "fixed", null)));
    }
    Map<String, List<String>> vtypes = new LinkedHashMap<>();
    for (JsonNode v : root.path("vtypes")) {
      List<String> types = new ArrayList<>();
      v.path("types").forEach(t -> types.add(t.asText()));
      vtypes.put(v.path("name").asText(), List.copyOf(types));
    }
    return new ExperimentTopology(nodes, vtypes);
  }

  private static String text(JsonNode n, String field, String absent) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? absent : v.asText();
  }
}
