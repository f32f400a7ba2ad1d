package org.nsbed.provisioner.catalog;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Captures a node's disk into an existing Image ID: the {@code create_image} operation, which
 * belongs to the swap engine (it needs the node reserved, powered and imaged). {@code image create
 * --snapshot-node} calls it right after creating the descriptor. Implementations register
 * through {@link ServiceLoader} ({@code META-INF/services/org.nsbed.provisioner.catalog.NodeSnapshotter}).
 */
public interface NodeSnapshotter {

  /**
   * Starts (and with {@code wait}, completes) capturing {@code node}'s disk into image
   * {@code pid/imageName} on behalf of {@code user}.
   *
   * @return a one-line summary for the user
   * @throws RuntimeException with a message naming what is wrong (remote node, node not in the
   *     user's experiment, ...)
   */
  String snapshot(String pid, String imageName, String node, String user, boolean wait);

  /** The registered implementation, if this build has one. */
  static Optional<NodeSnapshotter> installed() {
    return ServiceLoader.load(NodeSnapshotter.class).findFirst();
  }
}
