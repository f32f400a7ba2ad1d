package org.nsbed.provisioner.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.catalog.Project;

/** Two processes using one embedded home share its database without corrupting it. */
class SharedEmbeddedHomeTest {

  static final int WRITES = 40;

  /** The second process: writes {@code WRITES} projects named after its tag, one transaction each. */
  public static final class Writer {
    public static void main(String[] args) {
      try (Database db = Database.openEmbedded(Path.of(args[0]))) {
        write(db, args[1]);
      }
    }
  }

  static void write(Database db, String tag) {
    for (int i = 0; i < WRITES; i++) {
      String pid = tag + "-" + i;
      db.run(s -> new CatalogRepository(s).add(new Project(pid)));
    }
  }

  @Test
  void twoProcessesWritingOneHomeKeepEveryRow(@TempDir Path home) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Writer.class.getName());
    command.add(home.toString());
    command.add("other");
    try (Database db = Database.openEmbedded(home)) {
      Process other = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(home.resolve("writer.log").toFile()).start();
      write(db, "here");
      if (!other.waitFor(120, TimeUnit.SECONDS)) {
        other.destroyForcibly();
        throw new AssertionError("the second process did not finish");
      }
      assertEquals(0, other.exitValue(), () -> "second process failed: " + read(home.resolve("writer.log")));
    }
    try (Database db = Database.openEmbedded(home)) {
      long here = db.inTransaction(s -> new CatalogRepository(s).projects().stream()
          .filter(p -> p.pid().startsWith("here-")).count());
      long other = db.inTransaction(s -> new CatalogRepository(s).projects().stream()
          .filter(p -> p.pid().startsWith("other-")).count());
      assertEquals(WRITES, here);
      assertEquals(WRITES, other);
    }
  }

  private static String read(Path file) {
    try {
      return java.nio.file.Files.readString(file);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
