package org.nsbed.loader.multicast;

/**
 * What a server has done so far.
 *
 * @param dataBytesSent image bytes sent in blocks (compare with the image's compressed size)
 * @param packetsSent datagrams sent (blocks and INFO replies)
 * @param requests chunk requests received
 * @param mergedRequests requests that added nothing new to the work queue
 * @param lossSignals reports from clients that lost datagrams or fell behind (the back-off signal)
 * @param joins JOIN messages answered
 * @param ignoredDatagrams malformed, foreign or unexpected datagrams dropped
 * @param rateMbps the current send rate after back-off
 */
public record ServerStats(long dataBytesSent, long packetsSent, long requests, long mergedRequests, long lossSignals, long joins, long ignoredDatagrams, int rateMbps) {}
