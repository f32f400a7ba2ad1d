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
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
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
      Node.class, Osid.class, ImageId.class, OsidImage.class, Experiment.class);

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
    return "jdbc:h2:file:" + home.toAbsolutePath().resolve("db").resolve("nsbed") + ";AUTO_SERVER=TRUE";
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
    try {
      ds = new HikariDataSource(config);
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
      return new Database(jdbcUrl, vendor, ds, cfg.buildSessionFactory());
    } catch (FlywayException e) {
      ds.close();
      throw new DatabaseException("cannot migrate database " + redact(jdbcUrl) + ": " + rootMessage(e), e);
    } catch (RuntimeException e) {
      ds.close();
      throw new DatabaseException("cannot open database " + redact(jdbcUrl) + ": " + rootMessage(e), e);
    }
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
    return sessionFactory.fromTransaction(work);
  }

  /** As {@link #inTransaction(Function)} for work without a result. */
  public void run(Consumer<Session> work) {
    sessionFactory.inTransaction(work);
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
