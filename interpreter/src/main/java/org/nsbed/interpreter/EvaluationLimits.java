package org.nsbed.interpreter;

import java.time.Duration;

/**
 * Resource limits of one evaluation (docs/ns-language.md, "The sandbox"): a runaway loop or a
 * memory bomb ends with a clear error instead of a hang or a crash.
 *
 * @param timeLimit wall-clock budget of the evaluation
 * @param heapLimitMiB heap the evaluation may grow by (in-process), or the child JVM's heap
 *     (isolated)
 * @param maxEvents the reference's limit on scheduled events ({@code Too many events})
 */
public record EvaluationLimits(Duration timeLimit, long heapLimitMiB, int maxEvents) {

  /** 10 s, 512 MiB, 14000 events. */
  public static final EvaluationLimits DEFAULT = new EvaluationLimits(Duration.ofSeconds(10), 512, 14000);

  public EvaluationLimits {
    if (timeLimit.isNegative() || timeLimit.isZero()) {
      throw new IllegalArgumentException("the time limit must be positive");
    }
    if (heapLimitMiB < 16) {
      throw new IllegalArgumentException("the heap limit must be at least 16 MiB");
    }
  }
}
