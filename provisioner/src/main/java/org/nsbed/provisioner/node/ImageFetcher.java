package org.nsbed.provisioner.node;

import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * The disk loader a simulated node runs when it network-boots into "load image": in nsbed this is
 * the real multicast client of the loader module, writing the
 * node's disk file.
 */
@FunctionalInterface
public interface ImageFetcher extends AutoCloseable {

  /**
   * Fetches the image served at {@code target.group()} into {@code disk}.
   *
   * @param faults the node's injected faults (receive loss, dying at N %)
   * @param bytesWritten called with the number of disk bytes written so far
   * @return how the load ended
   * @throws InterruptedException if the node was powered off during the load
   */
  FetchOutcome fetch(BootTarget.LoadImage target, Path disk, NodeFaults faults, LongConsumer bytesWritten)
      throws InterruptedException;

  /** Stops the threads the loads ran on, once the testbed is done with them. */
  @Override
  default void close() {}

  /**
   * How a load ended.
   *
   * @param completed the whole image is on the disk and verified
   * @param died the loader died part-way (injected fault): the node goes silent
   * @param bytes disk bytes written
   * @param detail what to print on the console (statistics or the error)
   */
  record FetchOutcome(boolean completed, boolean died, long bytes, String detail) {}
}
