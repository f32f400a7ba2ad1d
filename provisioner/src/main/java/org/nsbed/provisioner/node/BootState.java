package org.nsbed.provisioner.node;

/**
 * A node's boot event states (the reference's node state machine): normal boot
 * {@code SHUTDOWN → PXEBOOTING → BOOTING → TBSETUP → ISUP}; reload
 * {@code SHUTDOWN → PXEBOOTING → BOOTING → RELOADSETUP → RELOADING → RELOADDONE}.
 */
public enum BootState {
  /** Powered off or going down. */
  SHUTDOWN,
  /** BIOS done, network boot in progress. */
  PXEBOOTING,
  /** A kernel (the loader's or the disk's OS) is starting. */
  BOOTING,
  /** The disk loader is up and about to fetch its image. */
  RELOADSETUP,
  /** The disk loader is writing the image (events carry bytes done / total). */
  RELOADING,
  /** The image is on the disk. */
  RELOADDONE,
  /** The OS is running the testbed's node setup. */
  TBSETUP,
  /** The OS is up. */
  ISUP,
  /** The OS reported a failed boot: no retry helps. */
  TBFAILED,
  /** The network boot or the disk load failed. */
  PXEFAILED;

  /** True for the states that end a boot attempt badly. */
  public boolean failure() {
    return this == TBFAILED || this == PXEFAILED;
  }
}
