package org.nsbed.scheduler.swap;

import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.engine.OperationJob;
import org.quartz.JobDataMap;

/** The persistent job of a swap-out or an end. */
public final class SwapOutJob extends OperationJob {
  @Override
  protected void perform(Engine engine, String operationId, JobDataMap data, boolean recovering) {
    new SwapOut(engine).run(operationId);
  }
}
