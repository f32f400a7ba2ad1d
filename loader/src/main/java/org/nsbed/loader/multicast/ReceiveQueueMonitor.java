package org.nsbed.loader.multicast;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;

/**
 * Watches how much a client's data socket had queued: one read burst (Netty reads until the
 * socket is empty, then fires channelReadComplete) that took 2 MiB of the socket's buffer means
 * the datagrams were queueing while the client waited for CPU. It says so at once, long before the
 * buffer overflows (at about 8 MiB) and datagrams are lost. What a datagram takes of the buffer is
 * its data and about 1 KiB of the kernel's own: a count of datagrams alone would call a burst of
 * 1 KiB blocks on a 1500-byte link "queued" when it holds a few dozen kilobytes, and the server
 * would slow down for nothing.
 */
final class ReceiveQueueMonitor extends ChannelInboundHandlerAdapter {
  static final int QUEUED_BYTES = 2 << 20;
  /** The kernel's memory per queued datagram besides its data (socket buffer head and slack). */
  static final int DATAGRAM_OVERHEAD_BYTES = 1024;

  /** Hears the end of every read burst, and whether the socket was queueing. */
  interface Bursts {
    void readBurstEnded(boolean queued);
  }

  private final Bursts bursts;
  private int datagrams;
  private int bytes;

  ReceiveQueueMonitor(Bursts bursts) {
    this.bursts = bursts;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof DatagramPacket p) {
      datagrams++;
      bytes += p.content().readableBytes();
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    boolean queued = bytes + (long) datagrams * DATAGRAM_OVERHEAD_BYTES >= QUEUED_BYTES;
    datagrams = 0;
    bytes = 0;
    bursts.readBurstEnded(queued);
    ctx.fireChannelReadComplete();
  }
}
