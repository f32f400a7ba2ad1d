package org.nsbed.interpreter.isolation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nsbed.interpreter.EvaluationLimits;
import org.nsbed.interpreter.NsParser;
import org.nsbed.interpreter.ParseMode;
import org.nsbed.interpreter.ParseRequest;
import org.nsbed.interpreter.ParseResult;

/**
 * The child JVM of an isolated parse: reads the request from stdin, evaluates it (asking the
 * parent for catalogue facts), and writes the result document after a {@code =} line.
 */
public final class IsolatedParser {

  private IsolatedParser() {}

  public static void main(String[] args) throws Exception {
    // Only the protocol may reach the parent's pipe; anything else printed goes to stderr.
    PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    System.setOut(System.err);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    JsonNode header = CatalogProtocol.MAPPER.readTree(in.readLine());
    Map<String, String> included = new LinkedHashMap<>();
    header.path("includedFiles").fields().forEachRemaining(e -> included.put(e.getKey(), e.getValue().asText()));
    ParseRequest request = new ParseRequest(
        header.path("file").asText(),
        header.path("text").asText(),
        ParseMode.of(header.path("mode").asText()),
        new RemoteCatalog(in, protocol),
        header.path("project").asText(),
        header.path("experiment").asText(),
        included,
        header.path("delayThresholdMs").asInt(),
        header.path("bandwidthLimitKbps").asInt(),
        new EvaluationLimits(Duration.ofMillis(header.path("timeLimitMillis").asLong()),
            header.path("heapLimitMiB").asLong(), header.path("maxEvents").asInt()));
    ParseResult result = NsParser.parse(request);
    protocol.println(CatalogProtocol.RESULT);
    protocol.print(result.toJson());
    protocol.flush();
    System.exit(0);
  }
}
