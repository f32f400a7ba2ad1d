package org.nsbed.scheduler.swap;

import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.engine.OperationJob;
import org.quartz.JobDataMap;

/** The persistent job of a swap-in or of a modify of an active experiment. */
public final class SwapInJob extends OperationJob {
  /** A modify's job data: the NS file it replaced, which a failed modify goes back to. */
  static final String PREVIOUS_NS = "previousNs";
  /** A modify's job data: the IR JSON of that file. */
  static final String PREVIOUS_IR = "previousIr";

  @Override
  protected void perform(Engine engine, String operationId, JobDataMap data, boolean recovering)
      throws InterruptedException {
    new SwapIn(engine).run(operationId, recovering, data.getString(PREVIOUS_NS), data.getString(PREVIOUS_IR));
  }
}
