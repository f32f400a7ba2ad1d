package org.nsbed.provisioner.node;

import java.time.Instant;
import java.util.Optional;

/** A node's serial console (Ironic's console interface), as the console server logs it. */
public interface ConsoleInterface {
  /** The longest line {@link #send} takes: a serial console is for what a person types, not for files. */
  int MAX_LINE = 4096;

  /** Why {@code text} cannot be typed as one line on a console, or empty if it can. */
  static Optional<String> untypable(String text) {
    if (text.length() > MAX_LINE || text.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
      return Optional.of("the text to type must be one line of at most " + MAX_LINE
          + " characters without control characters");
    }
    return Optional.empty();
  }

  /** The serial console: what the node printed, from {@code offset} (a byte offset) on. */
  ConsoleText readConsole(String node, long offset);

  /** Starts a new console log for the node, keeping the previous one in the console archive. */
  void archiveConsole(String node, String label);

  /**
   * When the node last showed activity: the idleness signal of idle swap-out ({@code startexp -l
   * MIN}), which swaps out an experiment whose nodes have all been idle for MIN minutes. Empty
   * when the driver cannot tell; such a node never counts as idle, so this default keeps every
   * experiment of a driver without a signal from being swapped out for idleness. A console log's
   * activity is its output, where the disk loader's progress shows as well; a driver for real
   * hardware could also use what its nodes report (network or CPU counters, logins).
   */
  default Optional<Instant> lastActivity(String node) {
    return Optional.empty();
  }

  /**
   * Types {@code text} and a newline on the node's serial console; what the node answers shows in
   * its console log.
   *
   * @throws UnsupportedOperationException if the node's console is a log only (a simulated node)
   * @throws IllegalStateException if the node is powered off
   */
  default void send(String node, String text) throws InterruptedException {
    throw new UnsupportedOperationException("the console of node " + node + " is a log only: it takes no input");
  }
}
