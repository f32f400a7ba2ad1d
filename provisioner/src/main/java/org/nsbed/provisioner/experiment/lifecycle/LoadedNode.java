package org.nsbed.provisioner.experiment.lifecycle;

/**
 * How a swap-in's load and boot of one node ended, as its rows record it.
 *
 * @param node the physical node
 * @param vname the virtual node it is
 * @param disk what its disk holds now
 * @param image the Image ID it was loaded with ({@link Disk#LOADED} only)
 * @param sha256 that image file's hash ({@link Disk#LOADED} only)
 */
public record LoadedNode(String node, String vname, Long loadMs, Long bootMs, Disk disk, String image,
    String sha256) {

  /** The node's disk after the run. */
  public enum Disk {
    /** Not loaded, booted: a writable OS has changed it. */
    WRITTEN,
    /** The load failed part way. */
    UNKNOWN,
    /** Loaded, then booted. */
    LOADED
  }
}
