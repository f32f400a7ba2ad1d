package org.nsbed.scheduler.swap;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.nsbed.scheduler.engine.Engine;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.PersistJobDataAfterExecution;

/**
 * The server's recurring idle sweep ({@link IdleSwap}). Quartz fires each run on one scheduler of
 * the cluster, never two at once, and keeps the warnings sent so far in the job's data, so a
 * warning is sent once even when another server runs the next sweep.
 */
@DisallowConcurrentExecution
@PersistJobDataAfterExecution
public final class IdleSwapJob implements Job {
  /** The job's name in Quartz. */
  public static final String NAME = "idle-swap";
  private static final String WARNED = "warned.";

  /** Stores the recurring sweep, unless another server already did. */
  public static void schedule(Engine engine) {
    engine.scheduleRecurring(NAME, IdleSwapJob.class, IdleSwap.SWEEP_INTERVAL);
  }

  @Override
  public void execute(JobExecutionContext context) {
    Engine engine = Engine.of(context);
    JobDataMap data = context.getJobDetail().getJobDataMap();
    Map<Long, Instant> warned = new HashMap<>();
    for (String key : data.getKeys()) {
      if (key.startsWith(WARNED)) {
        warned.put(Long.valueOf(key.substring(WARNED.length())), Instant.ofEpochMilli(data.getLongValue(key)));
      }
    }
    new IdleSwap(engine).sweep(engine.clock().now(), warned);
    for (String key : data.getKeys()) {
      if (key.startsWith(WARNED)) {
        data.remove(key);
      }
    }
    warned.forEach((id, at) -> data.put(WARNED + id, at.toEpochMilli()));
  }
}
