package org.nsbed.scheduler.notification;

import org.nsbed.scheduler.engine.Engine;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The recurring sweep of the {@link Outbox}: sends the notifications that a process killed after
 * its commit left behind, and tries again those whose sending failed. Quartz fires each run on
 * one scheduler of the cluster.
 */
@DisallowConcurrentExecution
public final class OutboxJob implements Job {
  /** The job's name in Quartz. */
  public static final String NAME = "notification-outbox";

  @Override
  public void execute(JobExecutionContext context) {
    Engine.of(context).outbox().sweep();
  }
}
