package org.nsbed.loader.multicast;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/**
 * The last handler of a client's pipelines: hands decoded datagrams to the {@link LoadSession}.
 * On the data port the server's INFO and BLOCKs matter; on the control port the other clients'
 * REQUESTs (JOIN, SLOW and LEAVE are normal chatter there and pass unremarked). Anything else, and
 * everything that arrives before the client is ready, is dropped and counted.
 */
final class ClientInbound extends SimpleChannelInboundHandler<Datagram> {
  private final LoadSession client;
  private final boolean dataPort;
  private final Drops drops;

  ClientInbound(LoadSession client, boolean dataPort, Drops drops) {
    this.client = client;
    this.dataPort = dataPort;
    this.drops = drops;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Datagram d) {
    try {
      if (!client.ready()) {
        drops.count(Drops.Reason.BEFORE_READY);
        return;
      }
      Message m = d.message();
      if (dataPort && m instanceof Message.Block b) {
        client.block(b, d.sender());
      } else if (dataPort && m instanceof Message.Info info) {
        client.info(info, d.sender());
      } else if (!dataPort && m instanceof Message.Request r) {
        client.overheard(r);
      } else if (dataPort || !(m instanceof Message.Join || m instanceof Message.Slow || m instanceof Message.Leave)) {
        drops.count(Drops.Reason.UNEXPECTED);
      }
    } finally {
      d.release();
    }
  }
}
