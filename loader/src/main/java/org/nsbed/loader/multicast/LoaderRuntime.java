package org.nsbed.loader.multicast;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that servers and clients run on: Netty event loops for the clients' sockets, one
 * event loop for the servers' sockets, and a pool for checking, decompressing and writing chunks
 * (and other blocking disk work). Whoever creates a runtime owns it and closes it after the last
 * server and client on it have ended; many of them can share one, so many simulated nodes in one
 * process cost no more threads than one.
 *
 * <p>Servers have their own loop so that, with many clients in the process keeping the client
 * loops busy, a server still hears the clients' reports at once (its pacing depends on them).
 *
 * <pre>{@code
 * try (LoaderRuntime runtime = LoaderRuntime.create()) {
 *   ImageServer server = ImageServer.start(runtime, serverConfig);
 *   ImageClient c = ImageClient.start(runtime, clientConfig, null);
 *   c.await();
 *   server.close();
 * }
 * }</pre>
 */
public final class LoaderRuntime implements AutoCloseable {
  private static final AtomicInteger RUNTIMES = new AtomicInteger();

  private final MultiThreadIoEventLoopGroup clientLoops;
  private final MultiThreadIoEventLoopGroup serverLoop;
  private final ExecutorService work;
  private final int workThreads;

  private LoaderRuntime(int clientLoops, int serverLoops, int workThreads) {
    String name = "nsbed-loader-" + RUNTIMES.incrementAndGet();
    this.clientLoops = clientLoops == 0 ? null
        : new MultiThreadIoEventLoopGroup(clientLoops, daemon(name + "-io"), NioIoHandler.newFactory());
    this.serverLoop = serverLoops == 0 ? null
        : new MultiThreadIoEventLoopGroup(serverLoops, daemon(name + "-server-io"), NioIoHandler.newFactory());
    this.work = workThreads == 0 ? null : Executors.newFixedThreadPool(workThreads, daemon(name + "-work"));
    this.workThreads = workThreads;
  }

  /** A runtime for many servers and clients: an event loop and a worker per core (at least two each). */
  public static LoaderRuntime create() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new LoaderRuntime(Math.max(2, cores), 1, Math.max(2, cores));
  }

  /** A small runtime for one client: one event loop and up to two workers. */
  static LoaderRuntime forOneClient() {
    return new LoaderRuntime(1, 0, Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())));
  }

  /** A runtime for one server: its event loop. */
  static LoaderRuntime forOneServer() {
    return new LoaderRuntime(0, 1, 0);
  }

  EventLoop clientLoop() {
    return clientLoops.next();
  }

  EventLoop serverLoop() {
    return serverLoop.next();
  }

  ExecutorService work() {
    return work;
  }

  /** Chunks one client may have in the work pool at once: enough to keep two cores busy. */
  int decodersPerClient() {
    return Math.min(2, workThreads);
  }

  /**
   * Stops the threads once the work already handed to them is done; does not wait. Servers and
   * clients still running on this runtime stop working.
   */
  public void shutdown() {
    if (clientLoops != null) {
      clientLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
    if (serverLoop != null) {
      serverLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
    if (work != null) {
      work.shutdown();
    }
  }

  /** {@link #shutdown} and waits (up to 10 s for each kind) for the threads to end. */
  @Override
  public void close() throws InterruptedException {
    shutdown();
    if (clientLoops != null) {
      clientLoops.awaitTermination(10, TimeUnit.SECONDS);
    }
    if (serverLoop != null) {
      serverLoop.awaitTermination(10, TimeUnit.SECONDS);
    }
    if (work != null) {
      work.awaitTermination(10, TimeUnit.SECONDS);
    }
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
