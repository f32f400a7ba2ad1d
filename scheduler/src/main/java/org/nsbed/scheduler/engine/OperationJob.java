package org.nsbed.scheduler.engine;

import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.persistence.PersistenceFailures;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/**
 * Base of nsbed's jobs: finds the engine and the {@link Operation}, runs the work, and makes sure
 * the operation ends as failed (never stuck "running") if the work throws.
 */
public abstract class OperationJob implements Job {

  @Override
  public final void execute(JobExecutionContext context) throws JobExecutionException {
    Engine engine = Engine.of(context);
    JobDataMap data = context.getMergedJobDataMap();
    String opId = data.getString(Engine.OPERATION);
    Operation op = engine.operation(opId);
    if (op == null || op.state().finished()) {
      // A job re-fired after its work was done (a crash between the outcome and Quartz's own bookkeeping).
      return;
    }
    if (op.experimentId() != null) {
      // Says which server of a cluster runs (or took over) the operation.
      engine.experiments().logIfPresent(op.experimentId(), opId + " running on " + engine.instanceName()
          + (context.isRecovering() ? " (taken over from a process that stopped)" : ""));
    }
    try {
      perform(engine, opId, data, context.isRecovering());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      new Recovery(engine).failOperation(opId, "internal error: " + PersistenceFailures.describe(e));
      throw new JobExecutionException(e, false);
    }
  }

  /**
   * Does the operation's work.
   *
   * @param recovering true when this run replaces one cut short by a crash
   */
  protected abstract void perform(Engine engine, String operationId, JobDataMap data, boolean recovering)
      throws InterruptedException;
}
