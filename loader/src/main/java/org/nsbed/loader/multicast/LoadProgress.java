package org.nsbed.loader.multicast;

/**
 * How far a load is.
 *
 * @param bytes image data bytes on disk so far (resumed chunks included)
 * @param totalBytes image data bytes in all
 * @param chunks chunks on disk so far
 * @param totalChunks chunks in the image
 */
public record LoadProgress(long bytes, long totalBytes, int chunks, int totalChunks) {
  /** Share done, 0..1. */
  public double fraction() {
    return totalChunks == 0 ? 1 : (double) chunks / totalChunks;
  }
}
