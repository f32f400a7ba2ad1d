package org.nsbed.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.nsbed.interpreter.catalog.NsCatalog;
import org.nsbed.provisioner.catalog.DatabaseCatalog;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.provisioner.persistence.DatabaseException;
import org.nsbed.provisioner.testbed.FirstUse;
import org.nsbed.provisioner.testbed.HomeTestbed;
import org.nsbed.provisioner.testbed.TestbedFile;
import org.nsbed.provisioner.testbed.TestbedFileCatalog;
import org.nsbed.provisioner.testbed.TestbedFileException;
import org.nsbed.provisioner.testbed.TestbedImporter;

/**
 * How commands reach the testbed: the catalogue an NS file is checked against, and the database
 * (the {@code --db} URL, else the embedded H2 database in {@code <home>/db}).
 *
 * <p>One rule decides which testbed a home has ({@link HomeTestbed}): the file the user gives
 * ({@code testbed init FILE}, or {@code --testbed FILE}) is the testbed of that home, and the
 * built-in default is used only when the user gives none. A database without a catalogue gets
 * that file imported the first time any command opens it. A {@code --testbed FILE} that differs
 * from the testbed the home already has is refused rather than half-used: the catalogue would come
 * from one file and the faults from another.
 */
public final class HomeDatabase {

  private HomeDatabase() {}

  /**
   * The catalogue {@code project} sees: the {@code --testbed} file when one is given, else the
   * database's (importing the default testbed on first use).
   *
   * @throws UserError if the testbed file is invalid or the database cannot be opened
   */
  public static NsCatalog nsCatalog(Nsbed nsbed, String project) {
    if (nsbed.testbed != null) {
      return new TestbedFileCatalog(loadFile(nsbed.testbed), project);
    }
    return withDatabase(nsbed, db -> DatabaseCatalog.load(db, project));
  }

  /** The {@code --testbed} file, or null when none was given. */
  public static Path testbedOption(Nsbed nsbed) {
    return nsbed.testbed;
  }

  /** Reads a testbed file, turning its problems into a one-line user error. */
  public static TestbedFile loadFile(Path file) {
    try {
      return TestbedFile.load(file);
    } catch (TestbedFileException e) {
      throw new UserError(e.getMessage());
    }
  }

  /**
   * Opens the database for one command, with the catalogue in place. The caller closes it.
   *
   * @throws UserError if it cannot be opened (exit status 3) or the default testbed is invalid
   */
  public static Database openDatabase(Nsbed nsbed) {
    return openDatabase(nsbed, List.of());
  }

  /** As {@link #openDatabase(Nsbed)}, also mapping {@code moreEntities} (the swap engine's). */
  public static Database openDatabase(Nsbed nsbed, List<Class<?>> moreEntities) {
    if (nsbed.serverUrl() != null) {
      throw new UserError("this command works on the testbed's database and is not available through a server "
          + "(--server / NSBED_SERVER); run it on the server's machine", Nsbed.EXIT_USAGE);
    }
    Path home = nsbed.home();
    Path given = nsbed.testbed;
    if (given != null && !java.nio.file.Files.isRegularFile(given)) {
      throw new UserError("--testbed " + given + ": no such testbed file");
    }
    Database db = openWithoutCatalog(nsbed, moreEntities);
    try {
      FirstUse.importIfEmpty(db, home, nsbed.user(), given).ifPresentOrElse(first -> {
        if (!nsbed.quiet()) {
          TestbedImporter.Report report = first.report();
          System.err.println("nsbed: first use: imported the testbed " + first.file() + " (" + report.created()
              + " entries" + (report.standIns().isEmpty() ? "" : ", " + report.standIns().size()
                  + " stand-in images written") + ")");
        }
      }, () -> checkGivenIsTheHomes(home, given));
      return db;
    } catch (IOException e) {
      db.close();
      throw new UserError("cannot set up the default testbed in " + home + ": " + e.getMessage(), Nsbed.EXIT_FAILED);
    } catch (TestbedFileException e) {
      db.close();
      throw new UserError(e.getMessage());
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /**
   * Opens the database as it is, without the first-use import ({@code testbed init} imports
   * the file it is given instead). The caller closes it.
   */
  public static Database openWithoutCatalog(Nsbed nsbed, List<Class<?>> moreEntities) {
    try {
      return Database.open(nsbed.db != null && !nsbed.db.isBlank() ? nsbed.db : Database.embeddedUrl(nsbed.home()),
          moreEntities);
    } catch (DatabaseException e) {
      throw new UserError(e.getMessage(), Nsbed.EXIT_FAILED);
    }
  }

  /** A {@code --testbed} file given to a home that has its testbed already must be that testbed. */
  private static void checkGivenIsTheHomes(Path home, Path given) {
    if (given == null) {
      return;
    }
    try {
      if (!java.nio.file.Files.exists(HomeTestbed.file(home))) {
        HomeTestbed.install(home, given);
      } else if (!HomeTestbed.isInstalled(home, given)) {
        throw new UserError("--testbed " + given + " is not the testbed of " + home + " (that is "
            + HomeTestbed.file(home) + ", imported earlier); to make it this home's testbed run: nsbed --home "
            + home + " testbed init " + given);
      }
    } catch (IOException e) {
      throw new UserError("cannot read the testbed file " + given + ": " + e.getMessage(), Nsbed.EXIT_FAILED);
    }
  }

  /** Opens the database, runs {@code work} with it and closes it. */
  public static <T> T withDatabase(Nsbed nsbed, Function<Database, T> work) {
    try (Database db = openDatabase(nsbed)) {
      return work.apply(db);
    }
  }
}
