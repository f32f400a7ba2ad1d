package org.nsbed.loader.multicast;

import java.net.InetAddress;

/**
 * A decoded loader datagram and the host it came from, as {@link DatagramDecoder} passes it up
 * the pipeline. The handler that takes it releases a {@link Message.Block}'s data.
 */
record Datagram(Message message, InetAddress sender) {
  /** Releases the block data this datagram holds, if any. */
  void release() {
    if (message instanceof Message.Block b) {
      b.data().release();
    }
  }
}
