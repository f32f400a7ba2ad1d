package org.nsbed.cli.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.HomeDatabase;
import org.nsbed.cli.UserError;
import org.nsbed.cli.server.ServerFile;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleEntities;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.node.NodeDriver;
import org.nsbed.provisioner.node.NodeDrivers;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.provisioner.testbed.DefaultTestbed;
import org.nsbed.provisioner.testbed.TestbedFile;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.engine.EngineSettings;
import org.nsbed.scheduler.node.NodeOperations;
import org.nsbed.scheduler.node.Reloads;
import org.nsbed.scheduler.notification.MailboxNotifier;
import org.nsbed.scheduler.notification.Notifier;
import org.nsbed.scheduler.notification.SmtpNotifier;
import org.nsbed.scheduler.notification.SummaryTable;
import org.nsbed.scheduler.swap.ExperimentOperations;

/**
 * What an experiment or node command works with: the database (with the swap engine's tables),
 * the node drivers of the testbed file, and the swap engine.
 * The scheduler only runs in this process when the command waits ({@link #runScheduler()}).
 */
public final class SwapSession implements AutoCloseable {
  public final Nsbed nsbed;
  public final Database db;
  public final NodeDriver nodes;
  public final Engine engine;

  /** The swap engine (the database, the node drivers and the scheduler). */
  public Engine engine() {
    return engine;
  }

  /** The database the engine works on, for the catalogue and the users' credentials. */
  public Database database() {
    return db;
  }

  private SwapSession(Nsbed nsbed, Database db, NodeDriver nodes, Engine engine) {
    this.nsbed = nsbed;
    this.db = db;
    this.nodes = nodes;
    this.engine = engine;
  }

  public static SwapSession open(Nsbed nsbed) {
    ServerFile.running(nsbed.home()).ifPresent(server -> {
      throw new UserError("nsbed server " + server.name() + " runs on " + nsbed.home() + " (" + server.url()
          + "); this command cannot go through it yet, and running the scheduler beside it would corrupt its jobs. "
          + "Stop the server or use its API", Nsbed.EXIT_USAGE);
    });
    return openForServer(nsbed, null);
  }

  /**
   * As {@link #open(Nsbed)}, for the server itself, which may run beside others on a shared
   * database: the engine goes by {@code instanceName} in the cluster (a server's {@code --name});
   * null names it after the process.
   */
  public static SwapSession openForServer(Nsbed nsbed, String instanceName) {
    Path home = nsbed.home();
    Database db = HomeDatabase.openDatabase(nsbed, LifecycleEntities.ALL);
    try {
      // The home's testbed file: the one its catalogue was imported from (--testbed, when given,
      // was checked to be that file when the database opened).
      Path file = HomeDatabase.testbedOption(nsbed);
      TestbedFile testbed = HomeDatabase.loadFile(file != null ? file : DefaultTestbed.ensure(home));
      NodeDriver nodes = NodeDrivers.forTestbed(home, db, testbed);
      EngineSettings engineSettings = new EngineSettings(home, maxSessions(), testbed.loader().iface(),
          testbed.loader().ttl(), EngineSettings.defaults(home).workerThreads());
      Engine engine = instanceName == null
          ? Engine.open(db, nodes, notifier(home), engineSettings)
          : Engine.open(db, nodes, notifier(home), engineSettings, instanceName);
      return new SwapSession(nsbed, db, nodes, engine);
    } catch (IOException e) {
      db.close();
      throw new UserError("cannot read the testbed file in " + home + ": " + e.getMessage(), Nsbed.EXIT_FAILED);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** The cap on concurrent multicast sessions: {@code NSBED_MAX_SESSIONS}, default 4. */
  private static int maxSessions() {
    String value = System.getenv("NSBED_MAX_SESSIONS");
    if (value == null || value.isBlank()) {
      return EngineSettings.DEFAULT_MAX_SESSIONS;
    }
    if (!value.trim().matches("[1-9][0-9]{0,3}")) {
      throw new UserError("NSBED_MAX_SESSIONS must be a whole number from 1 to 9999, not '" + value + "'",
          Nsbed.EXIT_USAGE);
    }
    return Integer.parseInt(value.trim());
  }

  /** The mailbox file, and with {@code NSBED_SMTP=host:port} also mail through that relay. */
  private static Notifier notifier(Path home) {
    Notifier mailbox = new MailboxNotifier(home);
    String relay = System.getenv("NSBED_SMTP");
    if (relay == null || relay.isBlank()) {
      return mailbox;
    }
    String domain = System.getenv().getOrDefault("NSBED_MAIL_DOMAIN", "localhost");
    try {
      return Notifier.all(List.of(mailbox, new SmtpNotifier(SmtpNotifier.relay(relay.trim()), domain)));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), Nsbed.EXIT_USAGE);
    }
  }

  public ExperimentOperations experiments() {
    return new ExperimentOperations(engine);
  }

  public NodeOperations nodeOps() {
    return new NodeOperations(engine);
  }

  /** Runs persisted jobs (this one's and any waiting) in this process until it ends. */
  void runScheduler() {
    engine.startScheduler();
  }

  public Experiment experiment(String pid, String eid) {
    return engine.experiments().find(pid, eid)
        .orElseThrow(() -> new UserError("no experiment " + pid + "/" + eid));
  }

  public List<ExperimentNode> nodesOf(Long experimentId) {
    return engine.experiments().nodeRows(experimentId);
  }

  /** Runs the scheduler here and follows the operation to its end with live progress; prints the summary. */
  public Operation follow(Operation op, List<Long> experimentIds, List<String> physicalNodes) {
    return follow(op, experimentIds, physicalNodes, !nsbed.quiet());
  }

  /** As {@link #follow(Operation, List, List)}; {@code show} false prints nothing (for --json output). */
  public Operation follow(Operation op, List<Long> experimentIds, List<String> physicalNodes, boolean show) {
    runScheduler();
    boolean swapOut = op.kind() == Operation.Kind.SWAPOUT || op.kind() == Operation.Kind.END;
    // A swap-out only powers off and releases: there is no per-node progress to show.
    LiveProgress progress = new LiveProgress(() -> experimentIds.stream().flatMap(id -> nodesOf(id).stream()).toList(),
        physicalNodes, show && !swapOut);
    // Ctrl-C ends this process, not the operation: say where it goes on and how to follow it.
    String message = "nsbed: interrupted; the " + op.kind().label() + " goes on: the next nsbed process that "
        + "runs the scheduler resumes it (`nsbed expinfo" + follow(op) + "` runs it and follows it, "
        + "`nsbed scheduler` runs everything that is due)";
    Thread interrupted = new Thread(() -> System.err.println(message));
    Runtime.getRuntime().addShutdownHook(interrupted);
    Operation done;
    try {
      done = engine.await(op.id(), Duration.ofMillis(200), o -> progress.tick());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted; the operation goes on when nsbed runs again", Nsbed.EXIT_FAILED);
    } finally {
      progress.close();
      try {
        Runtime.getRuntime().removeShutdownHook(interrupted);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or about to: the message goes out.
      }
    }
    if (show) {
      if (!progress.rows().isEmpty()) {
        System.out.println();
        System.out.print(SummaryTable.render(progress.rows()));
      }
      System.out.println((done.state() == Operation.State.DONE ? "done: " : "FAILED: ") + done.message());
    }
    // Nodes the operation let go of (swapped out, or failed and replaced) are reloaded with their
    // default image; this process runs that reload before it exits, and says so.
    awaitReloads(!swapOut);
    return done;
  }

  /** The {@code -e PID,EID} of the operation's experiment for expinfo, or empty for node operations. */
  private String follow(Operation op) {
    if (op.experimentId() == null) {
      return "";
    }
    Experiment e = engine.experiments().experiment(op.experimentId());
    return " -e " + (e == null ? "" : e.project().pid() + "," + e.eid());
  }

  /**
   * Waits for the reload of released nodes with their default image, which frees them;
   * {@code announce} says first that it happens (a swap-out's reload is expected).
   */
  private void awaitReloads(boolean announce) {
    List<Operation> pending = new Reloads(engine).unfinished();
    if (announce && !pending.isEmpty() && !nsbed.quiet()) {
      System.out.println("reloading the released nodes with their default image before exiting (they are free "
          + "when it is done) ...");
    }
    for (Operation reload : pending) {
      try {
        Operation r = engine.await(reload.id(), Duration.ofMillis(200), o -> { });
        if (!nsbed.quiet()) {
          System.out.println("reload with default images: " + r.message());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserError("interrupted; the reload goes on when nsbed runs again", Nsbed.EXIT_FAILED);
      }
    }
  }

  @Override
  public void close() {
    try {
      engine.close();
      nodes.close();
    } finally {
      db.close();
    }
  }
}
