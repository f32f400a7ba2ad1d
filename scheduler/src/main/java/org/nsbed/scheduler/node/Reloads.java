package org.nsbed.scheduler.node;

import java.util.List;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentStore;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.experiment.lifecycle.PendingReload;
import org.nsbed.provisioner.testbed.TestbedFile;
import org.nsbed.scheduler.engine.Engine;
import org.quartz.JobDataMap;

/**
 * The reload of freed nodes with their type's default image (the reference's
 * {@code reloadpending} and reload daemon). At swap-out the nodes move to the holding experiment
 * {@code emulab-ops/reloading} instead of becoming free ({@link ExperimentStore}); a
 * {@link ReloadJob} loads them and then frees them, or takes a node that fails to reload out of
 * service.
 */
public final class Reloads {
  /** The holding experiment's name in {@value TestbedFile#SYSTEM_PROJECT}. */
  public static final String HOLDING = ExperimentStore.HOLDING;

  private final Engine engine;

  public Reloads(Engine engine) {
    this.engine = engine;
  }

  /** Persists the job of a stored reload. */
  public void schedule(PendingReload pending) {
    JobDataMap data = new JobDataMap();
    data.put(NodeOperations.LOADS, NodeOperations.encode(pending.loads()));
    engine.schedule(pending.op(), ReloadJob.class, data);
  }

  /** Reloads that are queued or running (a swap-out's follow-up work). */
  public List<Operation> unfinished() {
    return engine.unfinished(Operation.Kind.RELOAD);
  }
}
