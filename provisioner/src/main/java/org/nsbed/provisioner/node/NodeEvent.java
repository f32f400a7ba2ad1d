package org.nsbed.provisioner.node;

import java.time.Instant;

/**
 * One state change (or load progress report) of a node.
 *
 * @param node the physical node name
 * @param state the state the node entered
 * @param detail human-readable detail: the OS that came up, the image being loaded, why it failed
 * @param bytesDone bytes written so far in {@link BootState#RELOADING}, else 0
 * @param bytesTotal bytes to write in {@link BootState#RELOADING}, else 0
 * @param at when it happened
 */
public record NodeEvent(String node, BootState state, String detail, long bytesDone, long bytesTotal, Instant at) {

  /** An event without load progress. */
  public static NodeEvent of(String node, BootState state, String detail) {
    return new NodeEvent(node, state, detail, 0, 0, Instant.now());
  }
}
