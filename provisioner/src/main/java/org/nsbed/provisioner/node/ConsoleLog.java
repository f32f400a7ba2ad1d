package org.nsbed.provisioner.node;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A node's serial console log, {@code <home>/consoles/<node>.log}, as the console server
 * ("capture") writes it. A new log is started per swap-in; the previous one moves to
 * {@code <home>/consoles/archive/<node>.<label>.<time>.log}.
 */
public final class ConsoleLog {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

  private final Path file;
  private final Path archiveDir;

  public ConsoleLog(Path consolesDir, String node) {
    this.file = consolesDir.resolve(node + ".log");
    this.archiveDir = consolesDir.resolve("archive");
  }

  /** The log file. */
  public Path file() {
    return file;
  }

  /** Appends text exactly as the node printed it. */
  public synchronized void print(String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write console log " + file + ": " + e.getMessage(), e);
    }
  }

  /** Appends one line. */
  public void println(String line) {
    print(line + "\n");
  }

  /** Reads from a byte offset on; an absent log reads as empty. */
  public synchronized ConsoleText read(long offset) {
    if (!Files.exists(file)) {
      return new ConsoleText("", 0);
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      long from = Math.min(Math.max(0, offset), length);
      byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, length - from)];
      in.seek(from);
      in.readFully(bytes);
      return new ConsoleText(new String(bytes, StandardCharsets.UTF_8), from + bytes.length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read console log " + file + ": " + e.getMessage(), e);
    }
  }

  /** Moves the current log to the archive (if there is one) so the next boot starts a fresh log. */
  public synchronized void archive(String label) {
    if (!Files.exists(file)) {
      return;
    }
    String safeLabel = label.replaceAll("[^A-Za-z0-9_.-]", "_");
    String name = file.getFileName().toString().replaceFirst("\\.log$", "")
        + "." + safeLabel + "." + LocalDateTime.now().format(STAMP) + ".log";
    try {
      Files.createDirectories(archiveDir);
      Files.move(file, archiveDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot archive console log " + file + ": " + e.getMessage(), e);
    }
  }
}
