package org.nsbed.provisioner.testbed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.provisioner.persistence.ProcessLock;

/**
 * The first use of a database: when it holds no catalogue yet, the testbed file the user gave
 * ({@code --testbed FILE}) is imported into it and becomes the home's testbed file
 * ({@code <home>/testbed.yaml}); when the user gave none, the home's testbed file is (the built-in
 * default written first if missing). Two
 * nsbed processes may meet the empty database at the same moment; they take turns on
 * {@code <home>/first-use.lock} and each checks again once it holds the lock, so the import and
 * its stand-in image files happen once. Processes of different homes sharing one MariaDB
 * database do not share that lock: there the database's unique keys decide, and the loser finds
 * the winner's catalogue.
 */
public final class FirstUse {

  /** The lock file under nsbed's home. */
  public static final String LOCK_FILE = "first-use.lock";

  /**
   * What a first use did.
   *
   * @param file the testbed file that was imported
   * @param report the import's counts and stand-ins
   */
  public record Imported(Path file, TestbedImporter.Report report) {}

  private FirstUse() {}

  /**
   * Imports the home's testbed file if {@code db} has no catalogue; returns what it imported, or
   * empty when the catalogue was there already (or another process imported it meanwhile).
   *
   * @throws IOException if the testbed file or an image file cannot be written or read
   * @throws TestbedFileException if the testbed file is invalid
   */
  public static Optional<Imported> importIfEmpty(Database db, Path home, String user) throws IOException {
    return importIfEmpty(db, home, user, null);
  }

  /**
   * As {@link #importIfEmpty(Database, Path, String)}, importing {@code given} instead of the
   * home's file when it is not null, and installing it as the home's testbed file.
   */
  public static Optional<Imported> importIfEmpty(Database db, Path home, String user, Path given) throws IOException {
    if (!empty(db)) {
      return Optional.empty();
    }
    try (ProcessLock lock = ProcessLock.acquire(home.resolve(LOCK_FILE))) {
      if (!empty(db)) {
        return Optional.empty();
      }
      Path file = given != null ? given : DefaultTestbed.ensure(home);
      try {
        TestbedImporter.Report report = new TestbedImporter(db, home).importFile(TestbedFile.load(file), user);
        if (given != null) {
          HomeTestbed.install(home, given);
        }
        return Optional.of(new Imported(file, report));
      } catch (RuntimeException e) {
        if (!empty(db)) {
          return Optional.empty();
        }
        throw e;
      }
    }
  }

  private static boolean empty(Database db) {
    return db.read(s -> new CatalogRepository(s).projects().isEmpty());
  }
}
