package org.nsbed.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nsbed.interpreter.Ns.HEAD;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The {@code nsbed-ir/1} document (docs/interfaces.md, "The IR document"). */
class IrJsonTest {

  private static final String FILE = HEAD + """
      set nodeA [$ns node]
      set nodeB [$ns node]
      tb-set-node-os $nodeA FBSD-STD
      tb-set-node-failure-action $nodeA nonfatal
      set link0 [$ns duplex-link $nodeA $nodeB 100Mb 0ms DropTail]
      tb-make-soft-vtype fast {pc600 pc850}
      set prog0 [$nodeA program-agent -command "/bin/echo hello" -timeout 30]
      $ns at 10 "$link0 down"
      tb-set-node-os $nodeB NO-SUCH-OS
      $ns run
      """;

  @Test
  void theDocumentHasTheContractsShape() throws Exception {
    ParseResult r = Ns.full(FILE);
    JsonNode doc = new ObjectMapper().readTree(r.toJson());
    assertEquals("nsbed-ir/1", doc.get("format").asText());
    assertEquals("test.ns", doc.get("source").asText());
    assertEquals(false, doc.get("ok").asBoolean());
    JsonNode nodeA = doc.get("nodes").get(0);
    assertEquals("nodeA", nodeA.get("name").asText());
    assertEquals("nonfatal", nodeA.get("failureAction").asText());
    assertTrue(nodeA.get("parentOs").isNull());
    assertEquals(0, nodeA.get("interfaces").get(0).get("port").asInt());
    assertEquals(3, nodeA.get("line").asInt());
    JsonNode member = doc.get("lans").get(0).get("members").get(0);
    assertEquals(100000, member.get("bandwidthKbps").asInt());
    assertEquals("DropTail", member.get("queue").get("type").asText());
    assertEquals(0.5, doc.get("vtypes").get(0).get("weight").asDouble());
    assertEquals("DOWN", doc.get("events").get(0).get("event").asText());
    assertEquals(2, doc.get("experiment").get("delayThresholdMs").asInt());
    JsonNode diagnostic = doc.get("diagnostics").get(0);
    assertEquals("error", diagnostic.get("severity").asText());
    assertEquals("tb-set-node-os", diagnostic.get("command").asText());
    assertEquals(11, diagnostic.get("line").asInt());
  }

  @Test
  void theDocumentReadsBackIntoTheSameRecords() {
    ParseResult r = Ns.full(FILE);
    assertEquals(r, ParseResult.fromJson(r.toJson()));
  }
}
