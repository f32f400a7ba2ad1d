package org.nsbed.scheduler.engine;

import java.nio.file.Path;
import java.util.Objects;
import org.nsbed.provisioner.time.TestbedClock;

/**
 * How the swap engine runs.
 *
 * @param home nsbed's home (image files, consoles, mailboxes)
 * @param maxSessions cap on concurrent multicast sessions (images loading at once)
 * @param iface the interface image servers send on ({@code lo})
 * @param ttl their multicast TTL (0: the nodes share this host)
 * @param workerThreads jobs run at once by this process
 * @param clock the time the engine's waits, retries, claims and schedule times run on (Quartz
 *     itself fires triggers on the system's time)
 */
public record EngineSettings(Path home, int maxSessions, String iface, int ttl, int workerThreads,
    TestbedClock clock) {
  /** Default cap on concurrent multicast sessions. */
  public static final int DEFAULT_MAX_SESSIONS = 4;

  public EngineSettings {
    Objects.requireNonNull(clock, "clock");
  }

  /** Settings on the system clock. */
  public EngineSettings(Path home, int maxSessions, String iface, int ttl, int workerThreads) {
    this(home, maxSessions, iface, ttl, workerThreads, TestbedClock.system());
  }

  /** The default settings for the testbed in {@code home}. */
  public static EngineSettings defaults(Path home) {
    return new EngineSettings(home, DEFAULT_MAX_SESSIONS, "lo", 0, 4);
  }

  /** These settings on {@code clock}. */
  public EngineSettings withClock(TestbedClock clock) {
    return new EngineSettings(home, maxSessions, iface, ttl, workerThreads, clock);
  }
}
