package org.nsbed.loader.multicast;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;

/**
 * Watches how much a client's data socket had queued: one read burst (Netty reads until the
 * socket is empty, then fires channelReadComplete) that takes 2 MiB or 48 datagrams means the
 * datagrams were queueing while the client waited for CPU. It says so at once, long before the
 * socket's buffer overflows (at about 8 MiB) and datagrams are lost.
 */
final class ReceiveQueueMonitor extends ChannelInboundHandlerAdapter {
  static final int QUEUED_BYTES = 2 << 20;
  static final int QUEUED_DATAGRAMS = 48;

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
    boolean queued = bytes >= QUEUED_BYTES || datagrams >= QUEUED_DATAGRAMS;
    datagrams = 0;
    bytes = 0;
    bursts.readBurstEnded(queued);
    ctx.fireChannelReadComplete();
  }
}
