package org.nsbed.loader.multicast;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
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
 * <p>The pool grows with the clients writing: every chunk a client may have in it
 * ({@link #decodersPerClient}) has a thread, up to {@link #MAX_WORK_THREADS}. The server waits for
 * its slowest client, so a client's chunk queued behind other clients' would hold every client
 * back; with a thread each, the clients write as independently as on machines of their own, and
 * on a busy machine they get the share of the CPU that as many machines' writers would.
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
  /** Work threads at most, however many clients write at once. */
  static final int MAX_WORK_THREADS = 64;
  private static final long IDLE_WORKER_SECONDS = 30;

  private final MultiThreadIoEventLoopGroup clientLoops;
  private final MultiThreadIoEventLoopGroup serverLoop;
  private final ThreadPoolExecutor work;
  private final int minWorkThreads;
  private final int perClient;
  /** Clients with a disk open for writing. */
  private int writing;

  private LoaderRuntime(int clientLoops, int serverLoops, int workThreads) {
    String name = "nsbed-loader-" + RUNTIMES.incrementAndGet();
    this.clientLoops = clientLoops == 0 ? null
        : new MultiThreadIoEventLoopGroup(clientLoops, daemon(name + "-io"), NioIoHandler.newFactory());
    this.serverLoop = serverLoops == 0 ? null
        : new MultiThreadIoEventLoopGroup(serverLoops, daemon(name + "-server-io"), NioIoHandler.newFactory());
    this.minWorkThreads = workThreads;
    this.perClient = Math.min(2, workThreads);
    this.work = workThreads == 0 ? null : new ThreadPoolExecutor(workThreads, Math.max(workThreads, MAX_WORK_THREADS),
        IDLE_WORKER_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon(name + "-work"));
  }

  /**
   * A runtime for many servers and clients: an event loop per core (at least two), and a worker
   * per core (at least two) and more while many clients write.
   */
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
    return perClient;
  }

  /** A client has opened its disk: its chunks get threads of their own. */
  synchronized void writerOpened() {
    writing++;
    resizeWork();
  }

  /** A client has let go of its disk: the threads it had are let go once idle. */
  synchronized void writerClosed() {
    writing--;
    resizeWork();
  }

  /** Threads the work pool keeps now. */
  int workThreads() {
    return work.getCorePoolSize();
  }

  private void resizeWork() {
    int threads = Math.max(minWorkThreads, Math.min(MAX_WORK_THREADS, writing * perClient));
    if (work != null && threads != work.getCorePoolSize()) {
      work.setCorePoolSize(threads);
    }
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
