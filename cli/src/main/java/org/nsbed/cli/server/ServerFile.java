package org.nsbed.cli.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@code <home>/server.json}: written by a running {@code nsbed server} so that commands on the
 * same home find it and become its clients instead of running a second scheduler beside it.
 */
public record ServerFile(String url, String name, long pid) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Path path(Path home) {
    return home.resolve("server.json");
  }

  /** The server running on {@code home}, if its file is there and its process is alive. */
  public static Optional<ServerFile> running(Path home) {
    Path file = path(home);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      ServerFile s = new ServerFile(n.path("url").asText(), n.path("name").asText(), n.path("pid").asLong());
      boolean alive = ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false);
      return alive ? Optional.of(s) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  void write(Path home) {
    try {
      Path tmp = Files.createTempFile(home, ".server", ".json");
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(),
          JSON.createObjectNode().put("url", url).put("name", name).put("pid", pid));
      Files.move(tmp, path(home), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path(home) + ": " + e.getMessage(), e);
    }
  }

  /** Removes the file if it is still this server's. */
  void remove(Path home) {
    running(home).filter(s -> s.pid() == pid).ifPresent(s -> {
      try {
        Files.deleteIfExists(path(home));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
