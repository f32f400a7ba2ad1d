package org.nsbed.loader.multicast;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.SplittableRandom;

/**
 * The injected receive loss of {@link ClientFaults#receiveLoss()}: drops each arriving datagram
 * with the given probability before anything looks at it, as a lossy link would. Put in a client's
 * pipelines only when loss is injected, so the normal path never meets it.
 */
@ChannelHandler.Sharable
final class InjectedLoss extends ChannelInboundHandlerAdapter {
  private final double probability;
  private final SplittableRandom random;
  private final Drops drops;

  InjectedLoss(double probability, SplittableRandom random, Drops drops) {
    this.probability = probability;
    this.random = random;
    this.drops = drops;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (random.nextDouble() < probability) {
      drops.count(Drops.Reason.INJECTED_LOSS);
      ReferenceCountUtil.release(msg);
      return;
    }
    ctx.fireChannelRead(msg);
  }
}
