package org.nsbed.provisioner.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A fresh database of one backend for one test: H2 in a temporary directory, or a MariaDB
 * database with a unique name on 127.0.0.1:3306, dropped on close. Persistence tests are
 * parameterized over {@link #backends()}.
 */
public final class TestDatabase implements AutoCloseable {

  /** The backends every persistence test runs against. */
  public enum Backend {
    H2,
    MARIADB
  }

  static final String MARIADB_SERVER = "jdbc:mariadb://127.0.0.1:3306/";
  static final String MARIADB_OPTIONS = "?user=root&password=&sslMode=disable";

  private final Backend backend;
  private final Path dir;
  private final String mariadbName;
  private final String url;
  private Database database;

  private TestDatabase(Backend backend) throws IOException, SQLException {
    this.backend = backend;
    if (backend == Backend.H2) {
      dir = Files.createTempDirectory("nsbed-h2-");
      mariadbName = null;
      url = Database.embeddedUrl(dir);
    } else {
      dir = null;
      mariadbName = "nsbed_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
      try (Connection c = DriverManager.getConnection(MARIADB_SERVER + MARIADB_OPTIONS);
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + mariadbName + " CHARACTER SET utf8mb4");
      }
      url = MARIADB_SERVER + mariadbName + MARIADB_OPTIONS;
    }
  }

  /** Every backend, for {@code @MethodSource}. */
  public static Stream<Backend> backends() {
    return Stream.of(Backend.values());
  }

  /** Creates an empty database of {@code backend} and opens it with migrations applied. */
  public static TestDatabase create(Backend backend) throws IOException, SQLException {
    TestDatabase t = new TestDatabase(backend);
    t.database = Database.open(t.url);
    return t;
  }

  /** Creates an empty database of {@code backend} without opening it. */
  public static TestDatabase createUnopened(Backend backend) throws IOException, SQLException {
    return new TestDatabase(backend);
  }

  public Database db() {
    return database;
  }

  public String url() {
    return url;
  }

  public Backend backend() {
    return backend;
  }

  /** The H2 home directory (null for MariaDB). */
  public Path home() {
    return dir;
  }

  /** Closes and opens the database again, as a second command would. */
  public Database reopen() {
    if (database != null) {
      database.close();
    }
    database = Database.open(url);
    return database;
  }

  @Override
  public void close() throws IOException, SQLException {
    if (database != null) {
      database.close();
    }
    if (backend == Backend.H2) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    } else {
      try (Connection c = DriverManager.getConnection(MARIADB_SERVER + MARIADB_OPTIONS);
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + mariadbName);
      }
    }
  }
}
