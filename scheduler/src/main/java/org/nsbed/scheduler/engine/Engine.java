package org.nsbed.scheduler.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentStore;
import org.nsbed.provisioner.experiment.lifecycle.NodeStore;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.node.NodeDriver;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.provisioner.time.TestbedClock;
import org.nsbed.scheduler.notification.Notifier;
import org.nsbed.scheduler.notification.Outbox;
import org.nsbed.scheduler.notification.OutboxJob;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * The swap engine: Quartz with its JDBC job store (JobStoreTX, clustered) on nsbed's own
 * database, the node driver, and the notifier. Long operations are persistent jobs, so a job
 * scheduled by one nsbed process is run by whichever process runs the scheduler, and a job cut
 * short by a crash is recovered by the next one ({@code requestsRecovery}).
 *
 * <p>A command that only schedules work uses {@link #open} and never starts the scheduler; a
 * command that waits (or a server) calls {@link #startScheduler()} as well.
 */
public final class Engine implements AutoCloseable {
  /** Key of the engine in Quartz's scheduler context. */
  static final String CONTEXT_KEY = "nsbed.engine";
  /** Job data key of the operation id. */
  public static final String OPERATION = "operation";

  /** Quartz group of the recurring jobs, which belong to no operation. */
  private static final String RECURRING = "nsbed-recurring";

  private static final AtomicInteger PROVIDERS = new AtomicInteger();

  private final NodeDriver driver;
  private final Outbox outbox;
  private final ExperimentStore experiments;
  private final NodeStore nodes;
  private final EngineSettings settings;
  private final Scheduler quartz;
  private final String instanceName;

  private Engine(Database db, NodeDriver driver, Notifier notifier, EngineSettings settings, Scheduler quartz,
      String instanceName) {
    this.driver = driver;
    this.outbox = new Outbox(db, notifier, instanceName + "-" + ProcessHandle.current().pid(), settings.clock());
    this.experiments = new ExperimentStore(db, settings.home(), outbox.messages());
    this.nodes = new NodeStore(db, settings.home(), outbox.messages());
    this.settings = settings;
    this.quartz = quartz;
    this.instanceName = instanceName;
  }

  /**
   * Creates the engine on {@code db} under the name {@code nsbed-<process id>}; its scheduler stays
   * in standby until {@link #startScheduler()}.
   */
  public static Engine open(Database db, NodeDriver driver, Notifier notifier, EngineSettings settings) {
    return open(db, driver, notifier, settings, "nsbed-" + ProcessHandle.current().pid());
  }

  /**
   * Creates the engine on {@code db}; its scheduler stays in standby until {@link #startScheduler()}.
   *
   * @param instanceName the name this process goes by in the cluster ({@code nsbed server --name}):
   *     the experiment log says which instance runs each operation, and Quartz's instance id
   *     starts with it
   */
  public static Engine open(Database db, NodeDriver driver, Notifier notifier, EngineSettings settings,
      String instanceName) {
    String dsName = "nsbed-" + PROVIDERS.incrementAndGet();
    DBConnectionManager.getInstance().addConnectionProvider(dsName, new ConnectionProvider() {
      @Override
      public Connection getConnection() throws SQLException {
        return db.dataSource().getConnection();
      }

      @Override
      public void shutdown() {}

      @Override
      public void initialize() {}
    });
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "nsbed");
    // Unique per process (a restarted server must not look like the one that died), readable in QRTZ_ tables.
    p.setProperty("org.quartz.scheduler.instanceId",
        instanceName + "-" + ProcessHandle.current().pid() + "-" + System.currentTimeMillis());
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.scheduler.idleWaitTime", "1000");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(settings.workerThreads()));
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", dsName);
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    // Clustered: several nsbed processes share the job store, and the jobs of one that died are
    // recovered by another after its check-in goes stale.
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "1000");
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    try {
      StdSchedulerFactory factory = new StdSchedulerFactory(p);
      Scheduler s = factory.getScheduler();
      Engine engine = new Engine(db, driver, notifier, settings, s, instanceName);
      s.getContext().put(CONTEXT_KEY, engine);
      return engine;
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot set up the job scheduler on " + db.url() + ": " + e.getMessage(), e);
    }
  }

  /** The engine a job runs under. */
  public static Engine of(JobExecutionContext context) {
    try {
      return (Engine) context.getScheduler().getContext().get(CONTEXT_KEY);
    } catch (SchedulerException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Repairs what a crashed process left behind, sends the notifications nobody sent, then runs
   * jobs in this process (the outbox's sweep among them).
   */
  public void startScheduler() {
    new Recovery(this).reconcile();
    outbox.sweep();
    scheduleRecurring(OutboxJob.NAME, OutboxJob.class, Outbox.SWEEP_INTERVAL);
    try {
      quartz.start();
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot start the job scheduler: " + e.getMessage(), e);
    }
  }

  public NodeDriver driver() {
    return driver;
  }

  /** Where the notifications of outcomes go: sent after their transaction commits. */
  public Outbox outbox() {
    return outbox;
  }

  /** The experiments, operations and nodes, changed one transaction per call. */
  public ExperimentStore experiments() {
    return experiments;
  }

  /** The reserved nodes as node operations change them, one transaction per call. */
  public NodeStore nodes() {
    return nodes;
  }

  public EngineSettings settings() {
    return settings;
  }

  /** The time the engine's waits, retries and schedule times run on ({@link EngineSettings#clock()}). */
  public TestbedClock clock() {
    return settings.clock();
  }

  /** The name this process goes by in the cluster (the server's {@code --name}). */
  public String instanceName() {
    return instanceName;
  }

  /** Persists a job for an operation (already stored by the caller) to run as soon as a scheduler picks it up. */
  public void schedule(Operation op, Class<? extends Job> job, JobDataMap data) {
    schedule(op, job, data, TriggerBuilder.newTrigger().startNow());
  }

  /**
   * Persists a job for an operation (already stored by the caller) to run at {@code when}, which
   * the caller computes on the engine's {@link #clock()}; Quartz fires it when the system's time
   * reaches it.
   */
  public void schedule(Operation op, Class<? extends Job> job, JobDataMap data, Instant when) {
    schedule(op, job, data, TriggerBuilder.newTrigger().startAt(Date.from(when)));
  }

  private void schedule(Operation op, Class<? extends Job> job, JobDataMap data, TriggerBuilder<Trigger> start) {
    JobDataMap map = new JobDataMap(data);
    map.put(OPERATION, op.id());
    JobDetail detail = JobBuilder.newJob(job)
        .withIdentity(jobKey(op.id()))
        .usingJobData(map)
        .requestRecovery(true)
        .build();
    Trigger trigger = start.withIdentity(new TriggerKey(op.id(), "nsbed")).build();
    try {
      quartz.scheduleJob(detail, trigger);
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot schedule " + op.kind().label() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Stores a job that runs every {@code interval}, from now on, for as long as the database lives:
   * each run happens on one scheduler of the cluster. Does nothing if the job is already stored
   * (another server, or an earlier start of this one, stored it).
   */
  public void scheduleRecurring(String name, Class<? extends Job> job, Duration interval) {
    JobDetail detail = JobBuilder.newJob(job).withIdentity(name, RECURRING).storeDurably().build();
    Trigger trigger = TriggerBuilder.newTrigger().withIdentity(name, RECURRING).forJob(detail).startNow()
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(interval.toMillis())
            .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
    try {
      if (!quartz.checkExists(detail.getKey())) {
        quartz.scheduleJob(detail, trigger);
      }
    } catch (ObjectAlreadyExistsException anotherServerWasFirst) {
      // stored by another server starting at the same moment: one recurring job is all it takes
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot schedule " + name + ": " + e.getMessage(), e);
    }
  }

  /** Removes a job that has not run yet (an automatic swap-out made moot by a manual one). */
  public void unschedule(String operationId) {
    try {
      quartz.deleteJob(jobKey(operationId));
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot remove job " + operationId + ": " + e.getMessage(), e);
    }
  }

  /** True if Quartz still holds a job for the operation (waiting, running, or to be recovered). */
  public boolean jobExists(String operationId) {
    try {
      return quartz.checkExists(jobKey(operationId));
    } catch (SchedulerException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** When a scheduled job will fire, if it is still scheduled. */
  public Optional<Instant> nextFire(String operationId) {
    try {
      Trigger t = quartz.getTrigger(new TriggerKey(operationId, "nsbed"));
      return t == null || t.getNextFireTime() == null ? Optional.empty() : Optional.of(t.getNextFireTime().toInstant());
    } catch (SchedulerException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  static JobKey jobKey(String operationId) {
    return new JobKey(operationId, "nsbed");
  }

  /** Re-reads an operation. */
  public Operation operation(String id) {
    return experiments.operation(id);
  }

  /**
   * Waits until the operation has finished, calling {@code tick} about every {@code interval} of
   * the engine's {@link #clock()} (live progress display).
   */
  public Operation await(String operationId, Duration interval, Consumer<Operation> tick) throws InterruptedException {
    while (true) {
      Operation op = operation(operationId);
      if (op == null) {
        throw new IllegalStateException("operation " + operationId + " vanished");
      }
      tick.accept(op);
      if (op.state().finished()) {
        return op;
      }
      clock().sleep(interval);
    }
  }

  /** Operations of an experiment that are scheduled for later (automatic swap-outs). */
  /** The queued or running operations of {@code kind}, oldest first. */
  public List<Operation> unfinished(Operation.Kind kind) {
    return experiments.unfinished(kind);
  }

  public List<Operation> pending(Long experimentId, Operation.Kind kind) {
    return experiments.pending(experimentId, kind);
  }

  /** Stops the scheduler, letting jobs that are running finish (a process that ends abruptly leaves them to recovery). */
  @Override
  public void close() {
    try {
      quartz.shutdown(true);
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot stop the job scheduler: " + e.getMessage(), e);
    }
  }
}
