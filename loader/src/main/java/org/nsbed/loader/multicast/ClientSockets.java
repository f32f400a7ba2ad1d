package org.nsbed.loader.multicast;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * A client's two sockets on one event loop: the data port, where the server's blocks and INFO
 * arrive, and the control port, where the client sends its JOIN, REQUEST, SLOW and LEAVE and
 * overhears the other clients' requests.
 */
final class ClientSockets {
  private final NioDatagramChannel data;
  private final NioDatagramChannel control;
  private final InetSocketAddress controlGroup;

  private ClientSockets(NioDatagramChannel data, NioDatagramChannel control, InetSocketAddress controlGroup) {
    this.data = data;
    this.control = control;
    this.controlGroup = controlGroup;
  }

  /**
   * Opens both sockets, their pipelines ending in {@code load}'s handlers (with {@link InjectedLoss}
   * at their head only if loss is injected); completes, on {@code loop}, when both are open, or
   * fails (with neither left open) if either cannot be.
   */
  static CompletableFuture<ClientSockets> open(EventLoop loop, NetworkInterface ni, int ttl, InetSocketAddress group,
      LoadSession load,
      Drops drops, double injectedLoss, SplittableRandom random) {
    InetSocketAddress controlGroup = new InetSocketAddress(group.getAddress(), group.getPort() + 1);
    DatagramDecoder decoder = new DatagramDecoder(controlGroup.getPort(), drops);
    List<ChannelHandler> data = new ArrayList<>(List.of(new ReceiveQueueMonitor(load::readBurstEnded), decoder, new ClientInbound(load, true, drops)));
    List<ChannelHandler> control = new ArrayList<>(List.of(decoder, new ClientInbound(load, false, drops)));
    if (injectedLoss > 0) {
      InjectedLoss loss = new InjectedLoss(injectedLoss, random, drops);
      data.add(1, loss);
      control.add(0, loss);
    }
    ChannelHandler[] dataPipeline = data.toArray(ChannelHandler[]::new);
    ChannelHandler[] controlPipeline = control.toArray(ChannelHandler[]::new);
    CompletableFuture<NioDatagramChannel> c = Multicast.openAsync(loop, ni, ttl, group.getAddress(), controlGroup.getPort(),
        controlPipeline);
    CompletableFuture<NioDatagramChannel> d = Multicast.openAsync(loop, ni, ttl, group.getAddress(), group.getPort(), dataPipeline);
    CompletableFuture<ClientSockets> result = new CompletableFuture<>();
    c.whenComplete((ctl, e1) -> d.whenComplete((dat, e2) -> loop.execute(() -> {
      Throwable error = e1 != null ? e1 : e2;
      if (error == null) {
        result.complete(new ClientSockets(dat, ctl, controlGroup));
        return;
      }
      if (ctl != null) {
        ctl.close();
      }
      if (dat != null) {
        dat.close();
      }
      result.completeExceptionally(error);
    })));
    return result;
  }

  /** The data socket's receive buffer as the kernel granted it, in bytes. */
  int receiveBufferBytes() {
    return data.config().getReceiveBufferSize();
  }

  /** Multicasts a control message to the group (the server and every client hear it). */
  void send(ByteBuf message) {
    control.writeAndFlush(new DatagramPacket(message, controlGroup), control.voidPromise());
  }

  void close() {
    data.close();
    control.close();
  }
}
