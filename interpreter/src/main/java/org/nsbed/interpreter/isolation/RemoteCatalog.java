package org.nsbed.interpreter.isolation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import org.nsbed.interpreter.catalog.NsCatalog;

/** The child side of {@link CatalogProtocol}: a catalogue whose answers come from the parent process. */
final class RemoteCatalog implements NsCatalog {

  private final BufferedReader in;
  private final PrintStream out;

  RemoteCatalog(BufferedReader in, PrintStream out) {
    this.in = in;
    this.out = out;
  }

  private JsonNode ask(String method, String arg) {
    try {
      out.println(CatalogProtocol.QUESTION + CatalogProtocol.MAPPER.writeValueAsString(
          CatalogProtocol.question(method, arg)));
      out.flush();
      String line = in.readLine();
      if (line == null) {
        throw new UncheckedIOException(new IOException("the parent closed the catalogue channel"));
      }
      return CatalogProtocol.MAPPER.readTree(line).path("v");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("malformed catalogue answer: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean osidVisible(String osName) {
    return ask("osidVisible", osName).asBoolean();
  }

  @Override
  public Set<String> parentOsids(String osName) {
    return CatalogProtocol.strings(ask("parentOsids", osName));
  }

  @Override
  public Optional<HardwareType> hardwareType(String typeOrClass) {
    JsonNode v = ask("hardwareType", typeOrClass);
    if (v.isNull() || v.isMissingNode()) {
      return Optional.empty();
    }
    try {
      return Optional.of(CatalogProtocol.MAPPER.treeToValue(v, HardwareType.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("malformed hardware type: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public boolean typePermitted(String type) {
    return ask("typePermitted", type).asBoolean();
  }

  @Override
  public Optional<String> physicalNodeType(String nodeName) {
    JsonNode v = ask("physicalNodeType", nodeName);
    return v.isNull() || v.isMissingNode() ? Optional.empty() : Optional.of(v.asText());
  }
}
