package org.nsbed.interpreter.ir;

/**
 * The queue of one direction of a link or LAN member (ns-2 {@code DropTail}, {@code RED},
 * {@code GRED}), with the reference's defaults.
 *
 * @param type {@code DropTail}, {@code RED} or {@code GRED}
 * @param limit queue length in packets (or bytes with {@code queueInBytes})
 * @param maxThresh RED maximum threshold
 * @param thresh RED minimum threshold
 * @param qWeight RED queue weight
 * @param linterm RED linterm
 * @param queueInBytes limit counted in bytes
 * @param gentle gentle RED
 */
public record QueueSettings(
    String type, int limit, int maxThresh, int thresh, double qWeight, int linterm, boolean queueInBytes,
    boolean gentle) {

  /** The reference's default queue of the given type. */
  public static QueueSettings defaults(String type) {
    return new QueueSettings(type, 50, 15, 5, 0.002, 10, false, false);
  }
}
