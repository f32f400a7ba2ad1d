package org.nsbed.provisioner.node.simulated;

import java.time.Duration;

/**
 * How long the simulated hardware takes for each boot step, derived from the testbed file's
 * {@code simulation.timeScale} (1.0 = as long as a real machine).
 *
 * @param timeScale the factor applied to every real-world duration
 */
public record SimulatedTimings(double timeScale) {
  /** A real disk-loader MFS boots in about 15 s. */
  private static final double MFS_BOOT_SECONDS = 15;
  /** A real OS kernel plus testbed setup takes about 30 s until ISUP. */
  private static final double OS_BOOT_SECONDS = 30;

  public SimulatedTimings {
    if (!(timeScale > 0)) {
      throw new IllegalArgumentException("simulation timeScale must be positive, got " + timeScale);
    }
  }

  /** Scales a real-world duration. */
  public Duration scaled(double realSeconds) {
    return Duration.ofNanos(Math.round(realSeconds * timeScale * 1e9));
  }

  /** Power-on self test: a third of the type's BIOS wait allowance. */
  public Duration post(int biosWaitSeconds) {
    return scaled(biosWaitSeconds / 3.0);
  }

  public Duration mfsBoot() {
    return scaled(MFS_BOOT_SECONDS);
  }

  public Duration osBoot() {
    return scaled(OS_BOOT_SECONDS);
  }
}
