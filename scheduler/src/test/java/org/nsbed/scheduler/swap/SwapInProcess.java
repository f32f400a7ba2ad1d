package org.nsbed.scheduler.swap;

import java.nio.file.Path;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleEntities;
import org.nsbed.provisioner.node.NodeDrivers;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.provisioner.testbed.TestbedFile;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.engine.EngineSettings;
import org.nsbed.scheduler.notification.MailboxNotifier;

/**
 * An nsbed process for the restart test: runs the scheduler on a database, starts the swap-in of
 * an experiment and keeps running until it is killed. Arguments: home, JDBC URL, pid, eid.
 */
public final class SwapInProcess {
  private SwapInProcess() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    Database db = Database.open(args[1], LifecycleEntities.ALL);
    TestbedFile file = TestbedFile.load(home.resolve("testbed.yaml"));
    Engine engine = Engine.open(db, NodeDrivers.forTestbed(home, db, file), new MailboxNotifier(home),
        EngineSettings.defaults(home));
    engine.startScheduler();
    new ExperimentOperations(engine).swapIn(args[2], args[3], "alice");
    System.out.println("swap-in started");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
