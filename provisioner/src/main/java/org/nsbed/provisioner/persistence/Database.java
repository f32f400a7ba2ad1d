package org.nsbed.provisioner.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.SharedSessionContract;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.nsbed.provisioner.access.ApiToken;
import org.nsbed.provisioner.access.WebSession;
import org.nsbed.provisioner.catalog.ImageId;
import org.nsbed.provisioner.catalog.Membership;
import org.nsbed.provisioner.catalog.Node;
import org.nsbed.provisioner.catalog.NodeType;
import org.nsbed.provisioner.catalog.Osid;
import org.nsbed.provisioner.catalog.OsidImage;
import org.nsbed.provisioner.catalog.Project;
import org.nsbed.provisioner.catalog.User;
import org.nsbed.provisioner.experiment.Experiment;

/**
 * nsbed's database: a HikariCP pool over a JDBC URL, the schema brought up to date by Flyway, and
 * a Hibernate SessionFactory over the entities. Two backends run through the same code: an
 * embedded H2 file database in {@code <home>/db} (the default) and MariaDB
 * ({@code jdbc:mariadb://...}).
 *
 * <p>Migrations live in {@code db/migration/h2} and {@code db/migration/mariadb} (the SQL differs
 * in column types); versions V1..V19 belong to the catalogue and experiments, V20 and up to the
 * swap engine. Other modules may register more entities with {@link #open(String, List)} and use
 * {@link #dataSource()} for their own JDBC needs (Quartz's job store).
 *
 * <p>The embedded database is opened with H2's {@code AUTO_SERVER=TRUE}: the first process
 * serves it to later ones on the loopback interface, so two nsbed processes on one home share it
 * safely instead of corrupting it.
 */
public final class Database implements AutoCloseable {

  /** Which SQL dialect a URL speaks. */
  public enum Vendor {
    H2("h2"),
    MARIADB("mariadb");

    private final String folder;

    Vendor(String folder) {
      this.folder = folder;
    }

    /** The migration folder of this vendor. */
    public String migrationLocation() {
      return "classpath:db/migration/" + folder;
    }

    /** The vendor of a JDBC URL. */
    public static Vendor of(String jdbcUrl) {
      String url = jdbcUrl.toLowerCase(Locale.ROOT);
      if (url.startsWith("jdbc:h2:")) {
        return H2;
      }
      if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
        return MARIADB;
      }
      throw new DatabaseException("unsupported database URL '" + jdbcUrl
          + "': use jdbc:mariadb://HOST/DB (or leave --db out for the embedded database)");
    }
  }

  /** The entities of the catalogue and experiments. */
  public static final List<Class<?>> ENTITIES = List.of(Project.class, User.class, Membership.class, NodeType.class,
      Node.class, Osid.class, ImageId.class, OsidImage.class, Experiment.class, ApiToken.class, WebSession.class);

  /** The after-commit actions of the transaction each thread is in (transactions may nest). */
  private final ThreadLocal<List<Runnable>> pendingActions = new ThreadLocal<>();

  private final String url;
  private final Vendor vendor;
  private final HikariDataSource dataSource;
  private final SessionFactory sessionFactory;

  private Database(String url, Vendor vendor, HikariDataSource dataSource, SessionFactory sessionFactory) {
    this.url = url;
    this.vendor = vendor;
    this.dataSource = dataSource;
    this.sessionFactory = sessionFactory;
  }

  /** The JDBC URL of the embedded database of {@code home}. */
  public static String embeddedUrl(Path home) {
    // WRITE_DELAY=0: a commit reaches the file when it returns. H2's default (500 ms) lets a
    // process killed just after a commit (kill -9 early in a swap-in or capture) lose it, and
    // with it the operation and its job; MariaDB never did. The commit is then written by the
    // committing thread, and Quartz interrupts its cluster and misfire threads when it stops: the
    // retry: file system reopens a file an interrupt closed, where the plain one leaves the
    // database unusable.
    return "jdbc:h2:retry:" + home.toAbsolutePath().resolve("db").resolve("nsbed") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
  }

  /** Opens (creating if needed) the embedded database of {@code home}. */
  public static Database openEmbedded(Path home) {
    try {
      Files.createDirectories(home.resolve("db"));
    } catch (java.io.IOException e) {
      throw new DatabaseException("cannot create " + home.resolve("db") + ": " + e.getMessage(), e);
    }
    return open(embeddedUrl(home));
  }

  /** Opens the database at {@code jdbcUrl} with the catalogue and experiment entities. */
  public static Database open(String jdbcUrl) {
    return open(jdbcUrl, List.of());
  }

  /**
   * Opens the database at {@code jdbcUrl}, migrates its schema and maps the catalogue and
   * experiment entities plus {@code moreEntities}.
   *
   * @throws DatabaseException if the database cannot be reached or migrated
   */
  public static Database open(String jdbcUrl, List<Class<?>> moreEntities) {
    Vendor vendor = Vendor.of(jdbcUrl);
    if (System.getProperty("org.jboss.logging.provider") == null) {
      // Hibernate logs through SLF4J like the rest of nsbed, instead of java.util.logging on stderr.
      System.setProperty("org.jboss.logging.provider", "slf4j");
    }
    if (vendor == Vendor.H2 && System.getProperty("h2.bindAddress") == null) {
      // AUTO_SERVER serves the file to other local processes; keep that server on loopback.
      System.setProperty("h2.bindAddress", "127.0.0.1");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(6);
    config.setMinimumIdle(0);
    config.setAutoCommit(false);
    config.setPoolName("nsbed");
    HikariDataSource ds;
    // The pool's first connection opens the H2 file. Two processes doing that at the same moment
    // make H2 fail ("Lock file recently modified"), so they take turns; later ones find the first
    // one's AUTO_SERVER and connect through it.
    Path openLock = embeddedFile(jdbcUrl).map(f -> Path.of(f + ".open.lock")).orElse(null);
    try (ProcessLock lock = openLock == null ? null : ProcessLock.acquire(openLock)) {
      ds = startPool(config);
    } catch (java.io.IOException e) {
      throw new DatabaseException("cannot lock " + openLock + " to open the database: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new DatabaseException("cannot open database " + redact(jdbcUrl) + ": " + rootMessage(e), e);
    }
    try {
      Flyway.configure()
          .dataSource(ds)
          .locations(vendor.migrationLocation())
          .load()
          .migrate();
      Configuration cfg = new Configuration();
      List<Class<?>> entities = new ArrayList<>(ENTITIES);
      entities.addAll(moreEntities);
      entities.forEach(cfg::addAnnotatedClass);
      cfg.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, ds);
      cfg.setProperty(AvailableSettings.HBM2DDL_AUTO, "validate");
      cfg.setProperty(AvailableSettings.JDBC_TIME_ZONE, "UTC");
      cfg.setProperty(AvailableSettings.SHOW_SQL, "false");
      // A swap-in of hundreds of nodes updates as many node rows and inserts as many experiment
      // node rows in one transaction: sent in JDBC batches, grouped by statement, not one by one.
      // MariaDB's driver sends a batch of updates as pipelined statements, each with its row
      // count. Its useBulkStmts option stays off: a bulk batch reports no row counts, so a node
      // update whose version another transaction changed would go unnoticed and two reservations
      // of one node would both commit. Inserts go in bulk anyway (useBulkStmtsForInserts).
      cfg.setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, "100");
      cfg.setProperty(AvailableSettings.ORDER_INSERTS, "true");
      cfg.setProperty(AvailableSettings.ORDER_UPDATES, "true");
      // The connection goes back to the pool when the session closes, after the commit, so that a
      // failure to release it cannot be taken for a failed commit.
      cfg.setProperty(AvailableSettings.CONNECTION_HANDLING, "DELAYED_ACQUISITION_AND_HOLD");
      return new Database(jdbcUrl, vendor, ds, cfg.buildSessionFactory());
    } catch (FlywayException e) {
      ds.close();
      throw new DatabaseException("cannot migrate database " + redact(jdbcUrl) + ": " + rootMessage(e), e);
    } catch (RuntimeException e) {
      ds.close();
      throw new DatabaseException("cannot open database " + redact(jdbcUrl) + ": " + rootMessage(e), e);
    }
  }

  /** Starts the pool, trying again while another process that served the H2 file is exiting. */
  private static HikariDataSource startPool(HikariConfig config) {
    for (int attempt = 1; ; attempt++) {
      try {
        return new HikariDataSource(config);
      } catch (RuntimeException e) {
        if (attempt == MAX_ATTEMPTS || h2ServerGone(e) == 0) {
          throw e;
        }
      }
      pause(attempt);
    }
  }

  /** The database file path of an embedded H2 URL ({@code jdbc:h2:file:PATH;...} or {@code retry:}), if it is one. */
  static java.util.Optional<String> embeddedFile(String jdbcUrl) {
    String prefix = jdbcUrl.regionMatches(true, 0, "jdbc:h2:retry:", 0, 14) ? "jdbc:h2:retry:" : "jdbc:h2:file:";
    if (!jdbcUrl.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return java.util.Optional.empty();
    }
    int end = jdbcUrl.indexOf(';');
    return java.util.Optional.of(jdbcUrl.substring(prefix.length(), end < 0 ? jdbcUrl.length() : end));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() != null ? t.getMessage() : t.toString();
    return m.lines().findFirst().orElse(m);
  }

  /** The URL without a password parameter, for messages. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  /** The JDBC URL this database was opened with. */
  public String url() {
    return url;
  }

  public Vendor vendor() {
    return vendor;
  }

  /** The connection pool; Quartz's JDBC job store uses the same database through it. */
  public DataSource dataSource() {
    return dataSource;
  }

  public SessionFactory sessionFactory() {
    return sessionFactory;
  }

  /**
   * Runs {@code work} in one transaction and returns its result: everything it changed is
   * committed together, or (if it throws) nothing is.
   */
  public <T> T inTransaction(Function<Session, T> work) {
    return transaction(work, false);
  }

  /**
   * As {@link #inTransaction(Function)} for work that only reads: the session is read-only, and
   * since there is nothing to commit, it is also tried again when the embedded database's serving
   * process went away during the commit.
   */
  public <T> T read(Function<Session, T> work) {
    return transaction(work, true);
  }

  /**
   * Reads with a stateless session: no persistence context, so no snapshots, dirty checking or
   * flush, and entities it returns are plain values. For the reads the API answers many times a
   * second (projections and small rows); tried again like {@link #read(Function)}.
   */
  public <T> T query(Function<StatelessSession, T> work) {
    return transaction(sessionFactory::openStatelessSession, work, true);
  }

  private <T> T transaction(Function<Session, T> work, boolean readOnly) {
    return transaction(() -> {
      Session session = sessionFactory.openSession();
      session.setDefaultReadOnly(readOnly);
      return session;
    }, work, readOnly);
  }

  private <S extends SharedSessionContract, T> T transaction(Supplier<S> open, Function<S, T> work, boolean readOnly) {
    List<Runnable> outer = pendingActions.get();
    try {
      return attempts(open, work, readOnly);
    } finally {
      if (outer == null) {
        pendingActions.remove();
      } else {
        pendingActions.set(outer);
      }
    }
  }

  private <S extends SharedSessionContract, T> T attempts(Supplier<S> open, Function<S, T> work, boolean readOnly) {
    for (int attempt = 1; ; attempt++) {
      boolean committing = false;
      Transaction tx = null;
      // What an attempt that does not commit asked for is dropped with it.
      List<Runnable> actions = new ArrayList<>();
      pendingActions.set(actions);
      S session = open.get();
      try {
        try {
          tx = session.beginTransaction();
          T result = work.apply(session);
          committing = true;
          tx.commit();
          committing = false;
          closeQuietly(session);
          pendingActions.remove();
          actions.forEach(Runnable::run);
          return result;
        } catch (RuntimeException e) {
          if (tx != null && tx.isActive()) {
            try {
              tx.rollback();
            } catch (RuntimeException rollback) {
              e.addSuppressed(rollback);
            }
          }
          // Another process served the embedded file and exited while this transaction ran: its
          // work was rolled back, and a new connection opens the file (or finds the new server).
          // A broken connection while committing is not repeated, since it may have committed;
          // "already closed" and "locked" are answers that it did not.
          int code = embeddedServerGone(e);
          if (attempt == MAX_ATTEMPTS || code == 0 || (committing && code == H2_BROKEN && !readOnly)) {
            throw e;
          }
        }
      } finally {
        closeQuietly(session);
      }
      // The pool's connections went to the server that is gone; new ones find the file or the new server.
      dataSource.getHikariPoolMXBean().softEvictConnections();
      pause(attempt);
    }
  }

  /**
   * Runs {@code action} on this thread once the transaction this thread is in has committed and
   * its connection went back to the pool; never if it rolls back. An attempt that
   * {@link #inTransaction} makes again drops what the failed attempt asked for, so the action runs
   * once, for the attempt that committed. What must not happen unless the data it follows from is
   * stored (a mail about an outcome) goes here.
   *
   * @throws IllegalStateException outside a transaction
   */
  public void afterCommit(Runnable action) {
    List<Runnable> actions = pendingActions.get();
    if (actions == null) {
      throw new IllegalStateException("afterCommit outside a transaction");
    }
    actions.add(action);
  }

  /**
   * Closes a session whose transaction is over (committed or rolled back). It releases the
   * connection here (not in the commit, see the connection handling mode); if the serving
   * process went away meanwhile the release fails, which changes nothing about the transaction.
   */
  private void closeQuietly(SharedSessionContract session) {
    if (!session.isOpen()) {
      return;
    }
    try {
      session.close();
    } catch (RuntimeException e) {
      if (embeddedServerGone(e) == 0) {
        throw e;
      }
    }
  }

  /** As {@link #inTransaction(Function)} for work without a result. */
  public void run(Consumer<Session> work) {
    inTransaction(s -> {
      work.accept(s);
      return null;
    });
  }

  private static final int H2_BROKEN = 90067;
  private static final int H2_CLOSED = 90121;
  private static final int H2_LOCKED = 90020;
  private static final int MAX_ATTEMPTS = 5;

  /** Gives an exiting process's database time to close before the next attempt. */
  private static void pause(int attempt) {
    try {
      Thread.sleep(100L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatabaseException("interrupted while reconnecting to the database", e);
    }
  }

  /**
   * H2's "connection is broken" (90067), "database is already closed" (90121) or "locked by
   * another process" (90020, the serving process is exiting) in {@code e}'s
   * causes, else 0 (also for other databases).
   */
  private int embeddedServerGone(Throwable e) {
    return vendor == Vendor.H2 ? h2ServerGone(e) : 0;
  }

  private static int h2ServerGone(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.sql.SQLException sql && (sql.getErrorCode() == H2_BROKEN
          || sql.getErrorCode() == H2_CLOSED || sql.getErrorCode() == H2_LOCKED)) {
        return sql.getErrorCode();
      }
    }
    return 0;
  }

  @Override
  public void close() {
    try {
      sessionFactory.close();
    } finally {
      dataSource.close();
    }
  }
}
