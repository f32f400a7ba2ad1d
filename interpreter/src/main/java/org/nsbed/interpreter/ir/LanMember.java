package org.nsbed.interpreter.ir;

/**
 * One node's attachment to a link or LAN, with per-direction shaping exactly as the reference
 * parser stores it: link/LAN-wide delay halved, link/LAN-wide loss converted to
 * {@code 1-sqrt(1-p)}. Unprefixed values are node-to-LAN, {@code r} values LAN-to-node.
 *
 * @param node member node
 * @param port the interface's index on that node
 * @param ip address, or null if none
 * @param delayMs delay node-to-LAN (ms)
 * @param rdelayMs delay LAN-to-node (ms)
 * @param bandwidthKbps bandwidth node-to-LAN (kbit/s)
 * @param rbandwidthKbps bandwidth LAN-to-node (kbit/s)
 * @param loss loss rate node-to-LAN
 * @param rloss loss rate LAN-to-node
 * @param estBandwidthKbps estimated bandwidth node-to-LAN (0 if unset)
 * @param restBandwidthKbps estimated bandwidth LAN-to-node (0 if unset)
 * @param backfillKbps backfill node-to-LAN (0 if unset)
 * @param rbackfillKbps backfill LAN-to-node (0 if unset)
 * @param queue the queue of the node-to-LAN direction
 */
public record LanMember(
    String node,
    int port,
    String ip,
    double delayMs,
    double rdelayMs,
    int bandwidthKbps,
    int rbandwidthKbps,
    double loss,
    double rloss,
    int estBandwidthKbps,
    int restBandwidthKbps,
    int backfillKbps,
    int rbackfillKbps,
    QueueSettings queue) {}
