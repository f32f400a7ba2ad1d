package org.nsbed.loader.multicast;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * Turns the datagrams a loader socket receives into {@link Datagram}s at the edge of the pipeline.
 * Only datagrams sent from the group's control port (every loader peer sends from there) that
 * parse as loader messages go on; the rest are dropped and counted. The packet is released here;
 * a block's data travels on as a retained slice.
 */
@ChannelHandler.Sharable
final class DatagramDecoder extends ChannelInboundHandlerAdapter {
  private final int controlPort;
  private final Drops drops;

  DatagramDecoder(int controlPort, Drops drops) {
    this.controlPort = controlPort;
    this.drops = drops;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof DatagramPacket packet)) {
      ctx.fireChannelRead(msg);
      return;
    }
    Datagram decoded;
    try {
      InetSocketAddress from = packet.sender();
      if (from == null || from.getPort() != controlPort) {
        drops.count(Drops.Reason.FOREIGN_PORT);
        return;
      }
      try {
        decoded = new Datagram(Wire.decode(packet.content()), from.getAddress());
      } catch (Wire.MalformedException e) {
        drops.count(Drops.Reason.MALFORMED);
        return;
      }
    } finally {
      packet.release();
    }
    ctx.fireChannelRead(decoded);
  }
}
