package org.nsbed.provisioner.node;

import java.util.List;

/**
 * Everything the orchestration does to nodes, composed of the per-concern interfaces (power,
 * boot target, console, disk capture), as an Ironic hardware type combines its interfaces. The
 * scheduler only calls these methods and listens to {@link NodeEvent}s; it never knows which
 * driver runs a node ({@link NodeDrivers} picks one per node type).
 *
 * <p>A node boots whatever its <em>next boot</em> says: either the disk-loader (load an image
 * from a multicast server, then boot the disk) or its own disk. Boot progress is reported as
 * {@link BootState} events, as a real node reports its event states (PXEBOOTING, RELOADING, ISUP,
 * TBFAILED...). A node that hangs reports nothing: deadlines are the caller's business.
 */
public interface NodeDriver extends PowerInterface, BootInterface, ConsoleInterface, CaptureInterface, AutoCloseable {

  /**
   * How much faster than real hardware the node goes through its boot steps: deadlines are
   * scaled by this (1.0 for a machine or a virtual machine; the simulator's time scale).
   */
  default double timeScale(String node) {
    return 1.0;
  }

  /**
   * The node's clock, in nanoseconds with an arbitrary origin, on which its deadlines are
   * measured: the host's monotonic clock for a machine or a virtual machine. A simulated node's
   * clock stands still while the host makes it wait for a share of the host (docs/lifecycle.md,
   * "Simulating hundreds of nodes on one host").
   */
  default long clockNanos(String node) {
    return System.nanoTime();
  }

  /** Registers a listener for the events of every node. */
  void addListener(NodeEventListener listener);

  /** Removes a listener. */
  void removeListener(NodeEventListener listener);

  /** The nodes this driver controls. */
  List<String> nodes();

  /**
   * Stops what runs in this process for the nodes (used at shutdown) and powers nothing on again.
   * Nodes that run on their own, such as virtual machines, keep running for the next process.
   */
  @Override
  void close();
}
