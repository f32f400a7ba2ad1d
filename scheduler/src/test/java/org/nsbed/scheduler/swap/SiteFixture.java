package org.nsbed.scheduler.swap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.catalog.Node;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.ExperimentRepository;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleEntities;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.mapping.Reservations;
import org.nsbed.provisioner.node.simulated.SimulatedNodeSpec;
import org.nsbed.provisioner.node.simulated.SimulatedNodes;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.provisioner.testbed.TestbedFile;
import org.nsbed.provisioner.testbed.TestbedImporter;
import org.nsbed.provisioner.time.TestbedClock;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.engine.EngineSettings;
import org.nsbed.scheduler.notification.MailboxNotifier;

/**
 * A simulated testbed for one test: a home directory, a database (H2, or a uniquely named MariaDB
 * database that is dropped afterwards) with a testbed file imported, simulated nodes with the
 * real loader, and the swap engine with its scheduler running, on the system clock or on a
 * clock the test moves.
 */
public final class SiteFixture implements AutoCloseable {
  static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";
  static final String MARIADB_OPTIONS = "?user=root&password=&sslMode=disable";

  final Path home;
  final Database db;
  final SimulatedNodes nodes;
  final Engine engine;
  final MailboxNotifier mail;
  final ExperimentOperations ops;
  private final String mariadbName;
  private final TestbedClock clock;

  private SiteFixture(Path home, Database db, SimulatedNodes nodes, Engine engine, MailboxNotifier mail,
      String mariadbName, TestbedClock clock) {
    this.home = home;
    this.db = db;
    this.nodes = nodes;
    this.engine = engine;
    this.mail = mail;
    this.ops = new ExperimentOperations(engine);
    this.mariadbName = mariadbName;
    this.clock = clock;
  }

  /** A site from testbed file text, on H2. */
  public static SiteFixture start(Path home, String testbedYaml) throws Exception {
    return start(home, testbedYaml, false);
  }

  public static SiteFixture start(Path home, String testbedYaml, boolean mariadb) throws Exception {
    return start(home, testbedYaml, mariadb, TestbedClock.system());
  }

  /** A site whose engine runs on {@code clock}. */
  public static SiteFixture start(Path home, String testbedYaml, boolean mariadb, TestbedClock clock)
      throws Exception {
    String mariadbName = null;
    String url;
    if (mariadb) {
      mariadbName = "nsbed_sched_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      try (Connection c = DriverManager.getConnection(MARIADB + MARIADB_OPTIONS); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + mariadbName + " CHARACTER SET utf8mb4");
      }
      url = MARIADB + mariadbName + MARIADB_OPTIONS;
    } else {
      Files.createDirectories(home.resolve("db"));
      url = Database.embeddedUrl(home);
    }
    Database db = Database.open(url, LifecycleEntities.ALL);
    Path yaml = home.resolve("testbed.yaml");
    Files.writeString(yaml, testbedYaml);
    TestbedFile file = TestbedFile.load(yaml);
    new TestbedImporter(db, home).importFile(file, "alice");
    return open(home, db, file, mariadbName, clock);
  }

  /** A second engine on the same database, as a restarted nsbed process would have. */
  public Engine engine() {
    return engine;
  }

  public Database db() {
    return db;
  }

  public SimulatedNodes nodes() {
    return nodes;
  }

  public ExperimentOperations ops() {
    return ops;
  }

  public SiteFixture restart() {
    return restart(clock);
  }

  /** As {@link #restart()}, the new engine running on {@code clock}. */
  public SiteFixture restart(TestbedClock clock) {
    return restart(clock, e -> { });
  }

  /**
   * As {@link #restart()}, the new engine running on {@code clock} and given to {@code opened}
   * before its scheduler starts (and recovers what the old one left).
   */
  public SiteFixture restart(TestbedClock clock, Consumer<Engine> opened) {
    engine.close();
    nodes.close();
    return open(home, db, TestbedFile.load(home.resolve("testbed.yaml")), mariadbName, clock, opened);
  }

  private static SiteFixture open(Path home, Database db, TestbedFile file, String mariadbName, TestbedClock clock) {
    return open(home, db, file, mariadbName, clock, e -> { });
  }

  private static SiteFixture open(Path home, Database db, TestbedFile file, String mariadbName, TestbedClock clock,
      Consumer<Engine> opened) {
    SimulatedNodes nodes = SimulatedNodes.of(home, db.inTransaction(s -> new CatalogRepository(s).nodes().stream()
        .map(n -> new SimulatedNodeSpec(n.name(), n.type().name(), n.type().biosWaitSeconds())).toList()), file);
    MailboxNotifier mail = new MailboxNotifier(home);
    Engine engine = Engine.open(db, nodes, mail, EngineSettings.defaults(home).withClock(clock));
    opened.accept(engine);
    engine.startScheduler();
    return new SiteFixture(home, db, nodes, engine, mail, mariadbName, clock);
  }

  public Experiment create(String eid, String irJson) {
    return ops.create("testbed", eid, "alice", "", "# ns file", irJson, null, null);
  }

  Operation await(Operation op) throws InterruptedException {
    return await(op.id());
  }

  /**
   * Waits until the operation has finished. Its job runs on Quartz's threads in real time, so
   * this polls in real time too, whatever clock the engine is on, and as long as the job takes.
   */
  public Operation await(String operationId) throws InterruptedException {
    while (true) {
      Operation op = engine.operation(operationId);
      if (op == null) {
        throw new IllegalStateException("operation " + operationId + " vanished");
      }
      if (op.state().finished()) {
        return op;
      }
      Thread.sleep(50);
    }
  }

  /** Waits for the reloads of released nodes (they free or take down the nodes). */
  public void awaitReloads() throws InterruptedException {
    for (Operation reload : new org.nsbed.scheduler.node.Reloads(engine).unfinished()) {
      await(reload.id());
    }
  }

  public Experiment experiment(String eid) {
    return db.inTransaction(s -> new ExperimentRepository(s).find("testbed", eid).orElseThrow());
  }

  public List<ExperimentNode> nodesOf(String eid) {
    Long id = experiment(eid).id();
    return db.inTransaction(s -> new Reservations(s, home).experimentNodes(id));
  }

  public List<String> heldBy(String eid) {
    Long id = experiment(eid).id();
    return db.inTransaction(s -> new CatalogRepository(s).nodes().stream()
        .filter(n -> n.experiment() != null && n.experiment().id().equals(id)).map(Node::name).toList());
  }

  public List<String> reservedNodes() {
    return db.inTransaction(s -> new CatalogRepository(s).nodes().stream()
        .filter(n -> n.experiment() != null).map(Node::name).toList());
  }

  /** The mailbox of a user, once the outbox sent everything it holds (it sends right after each commit). */
  public String mailbox(String user) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (db.query(s -> s.createSelectionQuery("select count(*) from OutboxMessage where sent is null", Long.class)
        .getSingleResult()) > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("notifications still unsent after 60 s");
      }
      Thread.sleep(20);
    }
    Path box = mail.mailbox(user);
    return Files.exists(box) ? Files.readString(box) : "";
  }

  @Override
  public void close() throws Exception {
    engine.close();
    nodes.close();
    db.close();
    if (mariadbName != null) {
      try (Connection c = DriverManager.getConnection(MARIADB + MARIADB_OPTIONS); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + mariadbName);
      }
    }
  }

  /** IR JSON for nodes given as {name, type, os, failureAction, fixed} (nulls allowed). */
  public static String ir(String[]... nodes) {
    StringBuilder b = new StringBuilder("{\"format\":\"nsbed-ir/1\",\"ok\":true,\"nodes\":[");
    for (int i = 0; i < nodes.length; i++) {
      String[] n = nodes[i];
      b.append(i > 0 ? "," : "").append("{\"name\":\"").append(n[0]).append("\",\"type\":").append(q(n[1]))
          .append(",\"os\":").append(q(n[2])).append(",\"failureAction\":").append(q(n[3]))
          .append(",\"fixed\":").append(q(n.length > 4 ? n[4] : null)).append('}');
    }
    return b.append("],\"lans\":[],\"vtypes\":[]}").toString();
  }

  private static String q(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }
}
