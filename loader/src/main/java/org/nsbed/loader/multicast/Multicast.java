package org.nsbed.loader.multicast;

import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Opens the loader's sockets, pinned to one interface with a given multicast TTL: 0 (the default)
 * keeps every datagram on this host, 1 lets it cross the interface's link to the machines on it,
 * and no router ever forwards more unless the operator asks for it. Nothing here falls back to
 * another interface or TTL: if the named interface is missing, down or cannot do multicast, or
 * the socket does not take the settings, opening fails with a message that says so.
 *
 * <p>NIO, not epoll: with the epoll transport IP_MULTICAST_TTL ends up setting the unicast TTL.
 */
final class Multicast {
  /** Asked for; the kernel caps it at net.core.rmem_max. Loopback multicast loses less with more. */
  private static final int RECEIVE_BUFFER = 64 << 20;
  private static final int SEND_BUFFER = 4 << 20;
  /** Largest UDP payload over IPv4. */
  static final int MAX_DATAGRAM = 65507;

  private Multicast() {}

  /** The named interface, checked to be up and able to carry multicast. */
  static NetworkInterface resolve(String iface) {
    NetworkInterface ni;
    try {
      ni = NetworkInterface.getByName(iface);
      if (ni == null) {
        throw new IllegalArgumentException("network interface '" + iface + "' does not exist");
      }
      if (!ni.isUp()) {
        throw new IllegalArgumentException("network interface '" + iface + "' is down");
      }
      // Linux does not flag lo as multicast-capable, yet delivers multicast on it (to local sockets only).
      if (!ni.supportsMulticast() && !ni.isLoopback()) {
        throw new IllegalArgumentException("network interface '" + iface + "' does not support multicast");
      }
    } catch (SocketException e) {
      throw new IllegalArgumentException("cannot inspect network interface '" + iface + "': " + e.getMessage(), e);
    }
    if (ni.inetAddresses().noneMatch(a -> a instanceof Inet4Address)) {
      throw new IllegalArgumentException("network interface '" + iface + "' has no IPv4 address");
    }
    return ni;
  }

  /** Checks a multicast TTL (0-255). */
  static int checkTtl(int ttl) {
    if (ttl < 0 || ttl > 255) {
      throw new IllegalArgumentException("multicast TTL must be 0-255, not " + ttl);
    }
    return ttl;
  }

  /** Checks that {@code group} is an IPv4 multicast group and returns it. */
  static InetSocketAddress checkGroup(InetSocketAddress group) {
    InetAddress a = group.getAddress();
    if (a == null || !(a instanceof Inet4Address) || !a.isMulticastAddress()) {
      throw new IllegalArgumentException("'" + group.getHostString() + "' is not an IPv4 multicast group (224.0.0.0/4; use 239.x.y.z)");
    }
    if (group.getPort() < 1 || group.getPort() > 65534) {
      throw new IllegalArgumentException("port " + group.getPort() + " is out of range (the loader also uses port + 1)");
    }
    return group;
  }

  /** The datagram payload the interface carries without fragmentation. */
  static int maxPayload(NetworkInterface ni) {
    try {
      int mtu = ni.getMTU();
      return Math.min(MAX_DATAGRAM, (mtu > 0 ? mtu : 1500) - 28);
    } catch (SocketException e) {
      return 1500 - 28;
    }
  }

  /**
   * Opens a datagram channel on {@code loop}, bound to {@code group}:{@code port} and joined to the
   * group on {@code ni}, sending multicast through {@code ni} with {@code ttl}, with {@code handlers} as
   * its pipeline; waits until it is ready.
   */
  static NioDatagramChannel open(EventLoop loop, NetworkInterface ni, int ttl, InetAddress group, int port,
      ChannelHandler... handlers) throws InterruptedException {
    try {
      return openAsync(loop, ni, ttl, group, port, handlers).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * Like {@link #open}, without waiting: many clients can start at once while the event loops
   * are busy. The future fails with an {@link IllegalStateException} that names the interface,
   * group and port.
   */
  static CompletableFuture<NioDatagramChannel> openAsync(EventLoop loop, NetworkInterface ni, int ttl, InetAddress group,
      int port, ChannelHandler... handlers) {
    CompletableFuture<NioDatagramChannel> result = new CompletableFuture<>();
    NioDatagramChannel ch = new NioDatagramChannel(SocketProtocolFamily.INET);
    String where = ni.getName() + " for " + group.getHostAddress() + ":" + port;
    try {
      ch.config().setReuseAddress(true);
      ch.config().setReceiveBufferSize(RECEIVE_BUFFER);
      ch.config().setSendBufferSize(SEND_BUFFER);
      ch.config().setOption(NioChannelOption.of(StandardSocketOptions.IP_MULTICAST_IF), ni);
      ch.config().setOption(NioChannelOption.of(StandardSocketOptions.IP_MULTICAST_TTL), checkTtl(ttl));
      ch.config().setOption(NioChannelOption.of(StandardSocketOptions.IP_MULTICAST_LOOP), true);
      if (!ni.equals(ch.config().getOption(NioChannelOption.of(StandardSocketOptions.IP_MULTICAST_IF)))
          || ch.config().getOption(NioChannelOption.of(StandardSocketOptions.IP_MULTICAST_TTL)) != ttl) {
        throw new IllegalStateException("could not pin multicast to interface " + ni.getName() + " with TTL " + ttl);
      }
      ch.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(MAX_DATAGRAM + 1).maxMessagesPerRead(64));
      ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1 << 20, 4 << 20));
      ch.pipeline().addLast(handlers);
    } catch (RuntimeException e) {
      ch.close();
      throw e;
    }
    InetSocketAddress at = new InetSocketAddress(group, port);
    loop.register(ch).addListener(registered -> {
      if (!registered.isSuccess()) {
        failed(result, ch, where, registered.cause());
        return;
      }
      // Bound to the group address, the socket hears only this group, not others on the same port.
      ch.bind(at).addListener(bound -> {
        if (!bound.isSuccess()) {
          failed(result, ch, where, bound.cause());
          return;
        }
        ch.joinGroup(at, ni).addListener(joined -> {
          if (joined.isSuccess()) {
            result.complete(ch);
          } else {
            failed(result, ch, where, joined.cause());
          }
        });
      });
    });
    return result;
  }

  private static void failed(CompletableFuture<NioDatagramChannel> result, NioDatagramChannel ch, String where, Throwable cause) {
    ch.close();
    result.completeExceptionally(new IllegalStateException("cannot open multicast socket on " + where + ": " + cause.getMessage(), cause));
  }
}
