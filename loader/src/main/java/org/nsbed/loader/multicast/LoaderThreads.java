package org.nsbed.loader.multicast;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every server and client in this JVM share: Netty event loops for the clients'
 * sockets and a pool for checking, decompressing and writing chunks (and other blocking disk
 * work), one per core each, and one event loop for the servers' sockets. Daemon threads, so many
 * simulated nodes in one process cost no more threads than one.
 *
 * <p>Servers have their own loop so that, with many clients in the process keeping the client
 * loops busy, a server still sends on time and hears the clients' reports at once (its pacing
 * depends on them).
 */
final class LoaderThreads {
  private static final int CORES = Runtime.getRuntime().availableProcessors();
  private static volatile MultiThreadIoEventLoopGroup io;
  private static volatile MultiThreadIoEventLoopGroup serverIo;
  private static volatile ExecutorService work;

  private LoaderThreads() {}

  static EventLoop nextLoop() {
    MultiThreadIoEventLoopGroup g = io;
    if (g == null) {
      synchronized (LoaderThreads.class) {
        if (io == null) {
          io = new MultiThreadIoEventLoopGroup(Math.max(2, CORES), daemon("nsbed-loader-io"), NioIoHandler.newFactory());
        }
        g = io;
      }
    }
    return g.next();
  }

  /** The event loop for servers' sockets. */
  static EventLoop serverLoop() {
    MultiThreadIoEventLoopGroup g = serverIo;
    if (g == null) {
      synchronized (LoaderThreads.class) {
        if (serverIo == null) {
          serverIo = new MultiThreadIoEventLoopGroup(1, daemon("nsbed-loader-server-io"), NioIoHandler.newFactory());
        }
        g = serverIo;
      }
    }
    return g.next();
  }

  static ExecutorService work() {
    ExecutorService w = work;
    if (w == null) {
      synchronized (LoaderThreads.class) {
        if (work == null) {
          work = Executors.newFixedThreadPool(Math.max(2, CORES), daemon("nsbed-loader-work"));
        }
        w = work;
      }
    }
    return w;
  }

  static int cores() {
    return CORES;
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
