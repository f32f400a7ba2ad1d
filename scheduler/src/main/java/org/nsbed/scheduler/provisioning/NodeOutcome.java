package org.nsbed.scheduler.provisioning;

/**
 * How one node's load and boot ended.
 *
 * @param node the physical node
 * @param up its OS came up (or, without a boot, its load completed)
 * @param loadFailed the failure was in the disk load (fatal regardless of the failure action)
 * @param reason why it failed; null if it did not
 * @param loadMs power cycle to image on disk; null if no load completed
 * @param bootMs image on disk (or reboot) to OS up; null if it did not come up
 * @param upAtNanos {@link System#nanoTime()} when it came up, for the critical path
 */
public record NodeOutcome(String node, boolean up, boolean loadFailed, String reason, Long loadMs, Long bootMs,
    long upAtNanos) {}
