package org.nsbed.scheduler.swap;

import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.engine.OperationJob;
import org.quartz.JobDataMap;

/** The persistent job of a swap-in or of a modify of an active experiment. */
public final class SwapInJob extends OperationJob {
  @Override
  protected void perform(Engine engine, String operationId, JobDataMap data, boolean recovering)
      throws InterruptedException {
    new SwapIn(engine).run(operationId, recovering);
  }
}
