package org.nsbed.loader.multicast;

import java.util.UUID;

/**
 * The outcome of a completed load.
 *
 * @param image the loaded image's UUID
 * @param bytes image data bytes written in this run
 * @param chunks chunks written in this run
 * @param resumedChunks chunks already on disk from an interrupted earlier run
 * @param receivedBytes useful block bytes received
 * @param duplicateBlocks blocks received that were already held or written
 * @param duplicateBytes their bytes
 * @param lostDatagrams server datagrams this client never received (gaps in their sequence numbers)
 * @param noRoomBlocks blocks dropped because all of the client's chunk buffers were in use
 * @param seconds wall time from start to the final flush
 * @param verified every chunk written matched the SHA-256 of an index that matched the image header
 * @param corruptChunks chunks that failed their hash and were fetched again
 * @param requestsSent requests this client multicast
 * @param ignoredDatagrams malformed, foreign or unexpected datagrams dropped
 * @param injectedLosses datagrams dropped by an injected receive loss
 * @param earlyDatagrams datagrams that arrived before both of the client's sockets were open,
 *     dropped unread (the client had not joined, so nothing in them was for it yet)
 */
public record LoadResult(UUID image, long bytes, int chunks, int resumedChunks, long receivedBytes, long duplicateBlocks,
    long duplicateBytes, long lostDatagrams, long noRoomBlocks, double seconds, boolean verified, int corruptChunks, long requestsSent, long ignoredDatagrams,
    long injectedLosses, long earlyDatagrams) {}
