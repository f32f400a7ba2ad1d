package org.nsbed.provisioner.node;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.nsbed.loader.image.ImageInfo;

/**
 * Power and boot control of the testbed's physical nodes, the seam between orchestration and
 * hardware (as Ironic's power/boot/console interfaces). The scheduler only calls these methods and
 * listens to {@link NodeEvent}s; it never knows whether a node is simulated or real.
 *
 * <p>A node boots whatever its <em>next boot</em> says: either the disk-loader (load an image
 * from a multicast server, then boot the disk) or its own disk. Boot progress is reported as
 * {@link NodeState} events, as a real node reports its event states (PXEBOOTING, RELOADING, ISUP,
 * TBFAILED...). A node that hangs reports nothing: deadlines are the caller's business.
 */
public interface NodeDriver extends AutoCloseable {

  /** Applies a power action to a node. Power-on and cycle start a boot of the node's next boot target. */
  void power(String node, PowerAction action);

  /** Sets what the node boots the next time it is powered on or cycled. */
  void setNextBoot(String node, BootTarget target);

  /**
   * Captures the node's disk into an image file, as the reference's admin MFS does with imagezip:
   * the whole disk ({@code partition} 0) or one MBR partition (1..4). The node is off afterwards.
   *
   * @throws IOException if the disk cannot be read or the image cannot be written
   */
  ImageInfo captureImage(String node, int partition, Path image) throws IOException;

  /** The serial console: what the node printed, from {@code offset} (a byte offset) on. */
  ConsoleText readConsole(String node, long offset);

  /** Starts a new console log for the node, keeping the previous one in the console archive. */
  void archiveConsole(String node, String label);

  /**
   * When the node last showed activity: the idleness signal of idle swap-out ({@code startexp -l
   * MIN}), which swaps out an experiment whose nodes have all been idle for MIN minutes. Empty
   * when the driver cannot tell; such a node never counts as idle, so this default keeps every
   * experiment of a driver without a signal from being swapped out for idleness. The simulated
   * node's activity is its console output, where the disk loader's progress shows as well; a
   * driver for real hardware would use what its nodes report (console, network or CPU counters,
   * logins).
   */
  default Optional<Instant> lastActivity(String node) {
    return Optional.empty();
  }

  /** Registers a listener for the events of every node. */
  void addListener(NodeEventListener listener);

  /** Removes a listener. */
  void removeListener(NodeEventListener listener);

  /** The nodes this driver controls. */
  List<String> nodes();

  /** Stops every node's activity (powers nothing on again); used at shutdown. */
  @Override
  void close();
}
