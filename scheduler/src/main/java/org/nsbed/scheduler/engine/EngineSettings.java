package org.nsbed.scheduler.engine;

import java.nio.file.Path;

/**
 * How the swap engine runs.
 *
 * @param home nsbed's home (image files, consoles, mailboxes)
 * @param maxSessions cap on concurrent multicast sessions (images loading at once)
 * @param iface the interface image servers send on ({@code lo})
 * @param ttl their multicast TTL (0: the nodes share this host)
 * @param workerThreads jobs run at once by this process
 */
public record EngineSettings(Path home, int maxSessions, String iface, int ttl, int workerThreads) {
  /** Default cap on concurrent multicast sessions. */
  public static final int DEFAULT_MAX_SESSIONS = 4;

  /** The default settings for the testbed in {@code home}. */
  public static EngineSettings defaults(Path home) {
    return new EngineSettings(home, DEFAULT_MAX_SESSIONS, "lo", 0, 4);
  }
}
