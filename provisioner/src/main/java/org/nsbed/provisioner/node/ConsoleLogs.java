package org.nsbed.provisioner.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console interface of nodes whose serial line is logged to {@code <home>/consoles/<node>.log}
 * (the simulator writes its nodes' consoles there; QEMU logs its guests' serial lines there). The
 * logs are files of the home, so every process sharing the home sees the same consoles.
 */
public final class ConsoleLogs implements ConsoleInterface {
  private final Path dir;
  /** One log object per node, so that writes, reads and archiving of a node's log take turns. */
  private final Map<String, ConsoleLog> logs = new ConcurrentHashMap<>();

  /** @param home nsbed's home */
  public ConsoleLogs(Path home) {
    this.dir = home.resolve("consoles");
  }

  /** The console log of a node. */
  public ConsoleLog of(String node) {
    return logs.computeIfAbsent(node, n -> new ConsoleLog(dir, n));
  }

  @Override
  public ConsoleText readConsole(String node, long offset) {
    return of(node).read(offset);
  }

  @Override
  public void archiveConsole(String node, String label) {
    of(node).archive(label);
  }

  /**
   * The last change of the node's console log: every console line (boot messages, the disk
   * loader's progress, whatever the OS prints) is activity.
   */
  @Override
  public Optional<Instant> lastActivity(String node) {
    Path log = of(node).file();
    try {
      return Optional.of(Files.getLastModifiedTime(log).toInstant());
    } catch (NoSuchFileException never) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log + ": " + e.getMessage(), e);
    }
  }
}
