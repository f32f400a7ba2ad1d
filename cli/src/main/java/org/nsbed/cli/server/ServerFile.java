package org.nsbed.cli.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.nsbed.server.api.LocalCredential;

/**
 * {@code <home>/server.json}: written by a running {@code nsbed server} so that commands on the
 * same home find it and become its clients instead of running a second scheduler beside it.
 *
 * <p>It holds the server's local secret: a command that can read the home (and so could open its
 * embedded database) may act as its {@code --user} through the server, as it could without one.
 * The file is readable by its owner only.
 */
public record ServerFile(String url, String name, long pid, String secret) {
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
      ServerFile s = new ServerFile(n.path("url").asText(), n.path("name").asText(), n.path("pid").asLong(),
          n.path("secret").asText());
      boolean alive = ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false);
      return alive ? Optional.of(s) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  void write(Path home) {
    try {
      Path tmp = Files.createTempFile(home, ".server", ".json",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(),
          JSON.createObjectNode().put("url", url).put("name", name).put("pid", pid).put("secret", secret));
      Files.move(tmp, path(home), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path(home) + ": " + e.getMessage(), e);
    }
  }

  /** The {@code Authorization} header value of a command on this home acting as {@code user}. */
  public String localAuthorization(String user) {
    return LocalCredential.SCHEME + " " + user + ":" + secret;
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
