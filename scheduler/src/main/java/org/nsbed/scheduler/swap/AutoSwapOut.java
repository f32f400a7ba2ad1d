package org.nsbed.scheduler.swap;

import java.time.Instant;
import org.nsbed.provisioner.experiment.Experiment;
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
    Operation op = engine.experiments().store(Operation.Kind.SWAPOUT, experiment.id(), Notifications.SYSTEM,
        "automatic swap-out scheduled for " + when + " (maximum duration " + experiment.maxDurationMinutes() + " min)");
    engine.schedule(op, AutoSwapOut.class, new JobDataMap(), when);
  }

  /** Drops a pending automatic swap-out (the experiment was swapped out by hand). */
  static void cancel(Engine engine, String operationId) {
    engine.unschedule(operationId);
    engine.experiments().close(operationId, true, 0, "cancelled: experiment swapped out");
  }

  @Override
  protected void perform(Engine engine, String operationId, JobDataMap data, boolean recovering) {
    String swapOut = engine.experiments().startAutoSwapOut(operationId, Notifications.SYSTEM);
    if (swapOut != null) {
      new SwapOut(engine).run(swapOut);
    }
  }
}
