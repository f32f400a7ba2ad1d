package org.nsbed.provisioner.node.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.nsbed.provisioner.node.BootTarget;
import org.nsbed.provisioner.node.ConsoleLogs;
import org.nsbed.provisioner.node.ImageFetcher;
import org.nsbed.provisioner.node.NodeFaults;

/**
 * The disk loader of a node host's nodes (simulated nodes and virtual machines), which remembers
 * which disks it is writing: a marker file {@code <disk>.loading} exists from the start of a load
 * until the image is on the disk. When the agent starts again after it stopped (or was killed)
 * mid-load, {@link #discard} deletes every disk that still has its marker, so a half-written disk
 * can never boot and report its node up.
 */
public final class HalfLoadedDisks implements ImageFetcher {
  private final ImageFetcher loader;

  public HalfLoadedDisks(ImageFetcher loader) {
    this.loader = loader;
  }

  static Path marker(Path disk) {
    return disk.resolveSibling(disk.getFileName() + ".loading");
  }

  @Override
  public FetchOutcome fetch(BootTarget.LoadImage target, Path disk, NodeFaults faults, LongConsumer bytesWritten)
      throws InterruptedException {
    Path marker = marker(disk);
    try {
      Files.writeString(marker, target.image() + "\n");
    } catch (IOException e) {
      return new FetchOutcome(false, false, 0, "cannot write " + marker + ": " + e.getMessage());
    }
    FetchOutcome outcome = loader.fetch(target, disk, faults, bytesWritten);
    if (outcome.completed()) {
      try {
        Files.deleteIfExists(marker);
      } catch (IOException e) {
        return new FetchOutcome(false, false, outcome.bytes(), "cannot remove " + marker + ": " + e.getMessage());
      }
    }
    return outcome;
  }

  @Override
  public void close() {
    loader.close();
  }

  /**
   * Deletes the disks of {@code nodes} in {@code disks} that were left half-loaded, saying so on
   * their consoles.
   *
   * @return the nodes whose disks were deleted
   */
  public static List<String> discard(Path disks, List<String> nodes, ConsoleLogs consoles) {
    List<String> discarded = new ArrayList<>();
    for (String node : nodes) {
      Path disk = disks.resolve(node + ".img");
      Path marker = marker(disk);
      if (Files.exists(marker)) {
        try {
          Files.deleteIfExists(disk);
          Files.delete(marker);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot delete the half-loaded disk " + disk + ": " + e.getMessage(), e);
        }
        consoles.of(node).println("[node host restarted: the disk was half-loaded and has been erased]");
        discarded.add(node);
      }
    }
    return discarded;
  }
}
