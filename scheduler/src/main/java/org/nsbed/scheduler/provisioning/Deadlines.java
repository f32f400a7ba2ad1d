package org.nsbed.scheduler.provisioning;

import java.time.Duration;

/**
 * Per-node deadlines (docs/lifecycle.md, "Per-node deadlines"): a load may take 10 min + 65 s per
 * 100 MiB of image file; a boot 2 x (the type's BIOS wait + the OS's reboot wait). Both are scaled
 * by the node driver's time scale (the simulator's boots are faster than real ones).
 */
public final class Deadlines {
  private Deadlines() {}

  public static Duration load(long imageFileBytes, double timeScale) {
    double mib = imageFileBytes / (double) (1 << 20);
    return scaled(600 + 65 * mib / 100, timeScale);
  }

  public static Duration boot(int biosWaitSeconds, int rebootWaitSeconds, double timeScale) {
    return scaled(2.0 * (biosWaitSeconds + rebootWaitSeconds), timeScale);
  }

  private static Duration scaled(double seconds, double timeScale) {
    return Duration.ofNanos(Math.round(seconds * timeScale * 1e9));
  }
}
