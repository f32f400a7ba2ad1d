package org.nsbed.scheduler.swap;

import java.time.Instant;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.ExperimentState;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentLifecycle;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentRun;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.engine.OperationJob;
import org.nsbed.scheduler.notification.Notifications;
import org.quartz.JobDataMap;

/**
 * The automatic swap-out after an experiment's maximum duration ({@code startexp -a MIN}): a
 * persistent job due at swap-in time + MIN minutes. When it fires it starts an ordinary swap-out
 * (if the experiment is still active and not busy) and runs it.
 */
public final class AutoSwapOut extends OperationJob {

  /** Schedules the automatic swap-out of an experiment that just became active. */
  static void schedule(Engine engine, Experiment experiment, Instant when) {
    Operation op = engine.db().inTransaction(s -> {
      Operation o = new Operation(Operation.Kind.SWAPOUT, experiment.id(), Notifications.SYSTEM);
      s.persist(o);
      new ExperimentLifecycle(s).log(s.find(Experiment.class, experiment.id()),
          "automatic swap-out scheduled for " + when + " (maximum duration " + experiment.maxDurationMinutes()
              + " min)");
      return o;
    });
    engine.schedule(op, AutoSwapOut.class, new JobDataMap(), when);
  }

  /** Drops a pending automatic swap-out (the experiment was swapped out by hand). */
  static void cancel(Engine engine, String operationId) {
    engine.unschedule(operationId);
    engine.db().run(s -> s.find(Operation.class, operationId).finish(true, 0, "cancelled: experiment swapped out"));
  }

  @Override
  protected void perform(Engine engine, String operationId, JobDataMap data, boolean recovering) {
    String swapOut = engine.db().inTransaction(s -> {
      Operation auto = s.find(Operation.class, operationId);
      Experiment e = s.find(Experiment.class, auto.experimentId());
      ExperimentRun run = new ExperimentLifecycle(s).run(e);
      if (e.state() != ExperimentState.ACTIVE || run.locked()) {
        auto.finish(true, 0, "not needed: experiment is " + e.state().label()
            + (run.locked() ? " and busy with " + run.operation() : ""));
        return null;
      }
      try {
        Operation op = new ExperimentLifecycle(s).begin(e, Operation.Kind.SWAPOUT, Notifications.SYSTEM);
        auto.finish(true, 0, "maximum duration reached; swap-out " + op.id() + " started");
        return op.id();
      } catch (LifecycleException ex) {
        auto.finish(false, 0, ex.getMessage());
        return null;
      }
    });
    if (swapOut != null) {
      new SwapOut(engine).run(swapOut);
    }
  }
}
