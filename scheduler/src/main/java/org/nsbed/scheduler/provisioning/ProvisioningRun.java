package org.nsbed.scheduler.provisioning;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.nsbed.loader.multicast.ImageServer;
import org.nsbed.loader.multicast.MulticastGroups;
import org.nsbed.loader.multicast.ServerConfig;
import org.nsbed.provisioner.experiment.lifecycle.NodeStatus;
import org.nsbed.provisioner.node.BootTarget;
import org.nsbed.provisioner.node.NodeDriver;
import org.nsbed.provisioner.node.NodeEvent;
import org.nsbed.provisioner.node.NodeEventListener;
import org.nsbed.provisioner.node.BootState;
import org.nsbed.provisioner.node.PowerAction;

/**
 * Loads and boots a set of nodes: one multicast session (one {@link ImageServer}) per image with
 * all its nodes at once, at most {@link ProvisioningOptions#maxSessions()} sessions at a time;
 * per-node deadlines; one reload retry and one reboot retry per node; TBFAILED is final. The
 * node driver does the power and boot work; this class only orchestrates and watches events.
 */
public final class ProvisioningRun {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final NodeDriver driver;
  private final ProvisioningOptions options;
  private final ProgressSink sink;
  private final Map<String, BlockingQueue<NodeEvent>> queues = new ConcurrentHashMap<>();

  public ProvisioningRun(NodeDriver driver, ProvisioningOptions options, ProgressSink sink) {
    this.driver = driver;
    this.options = options;
    this.sink = sink;
  }

  /**
   * Runs the loads and boots and waits for every node's outcome.
   *
   * @return one outcome per node, in the order given
   * @throws InterruptedException if the caller is interrupted (nodes are powered off)
   */
  public List<NodeOutcome> run(List<NodeLoad> nodes) throws InterruptedException {
    if (nodes.isEmpty()) {
      return List.of();
    }
    nodes.forEach(n -> queues.put(n.node(), new LinkedBlockingQueue<>()));
    NodeEventListener listener = e -> {
      BlockingQueue<NodeEvent> q = queues.get(e.node());
      if (q != null) {
        q.add(e);
      }
    };
    driver.addListener(listener);
    ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "provisioning-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      Map<ImageRef, List<NodeLoad>> sessions = new LinkedHashMap<>();
      List<NodeLoad> rebootOnly = new ArrayList<>();
      for (NodeLoad n : nodes) {
        if (n.image() == null) {
          rebootOnly.add(n);
        } else {
          sessions.computeIfAbsent(n.image(), k -> new ArrayList<>()).add(n);
        }
      }
      Semaphore sessionSlots = new Semaphore(options.maxSessions(), true);
      Map<String, Future<NodeOutcome>> futures = new ConcurrentHashMap<>();
      List<Future<?>> sessionFutures = new ArrayList<>();
      for (Map.Entry<ImageRef, List<NodeLoad>> s : sessions.entrySet()) {
        sessionFutures.add(threads.submit(() -> {
          session(s.getKey(), s.getValue(), sessionSlots, threads, futures);
          return null;
        }));
      }
      for (NodeLoad n : rebootOnly) {
        futures.put(n.node(), threads.submit(() -> rebootOnly(n)));
      }
      for (Future<?> f : sessionFutures) {
        get(f);
      }
      List<NodeOutcome> outcomes = new ArrayList<>();
      for (NodeLoad n : nodes) {
        outcomes.add(get(futures.get(n.node())));
      }
      return Collections.unmodifiableList(outcomes);
    } catch (InterruptedException e) {
      nodes.forEach(n -> driver.power(n.node(), PowerAction.OFF));
      throw e;
    } finally {
      driver.removeListener(listener);
      threads.shutdownNow();
    }
  }

  private static <T> T get(Future<T> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c.getMessage(), c);
    }
  }

  /** One multicast session: the image server lives until every node of the image has loaded or failed. */
  private void session(ImageRef image, List<NodeLoad> nodes, Semaphore slots, ExecutorService threads,
      Map<String, Future<NodeOutcome>> futures) throws InterruptedException {
    slots.acquire();
    try {
      ImageServer server;
      try {
        server = ImageServer.start(new ServerConfig(image.file(), options.iface(), options.ttl(), MulticastGroups.random(),
            ServerConfig.DEFAULT_RATE_MBPS, Duration.ZERO, 0));
      } catch (IOException | RuntimeException e) {
        String reason = "cannot serve image " + image.name() + " (" + image.file() + "): " + e.getMessage();
        for (NodeLoad n : nodes) {
          sink.update(n.node(), NodeStatus.FAILED, 0, 0, reason);
          futures.put(n.node(), java.util.concurrent.CompletableFuture.completedFuture(
              new NodeOutcome(n.node(), false, true, reason, null, null, 0)));
        }
        return;
      }
      try (server) {
        CountDownLatch loaded = new CountDownLatch(nodes.size());
        for (NodeLoad n : nodes) {
          futures.put(n.node(), threads.submit(() -> loadAndBoot(n, server.config().group(), loaded)));
        }
        loaded.await();
      }
    } finally {
      slots.release();
    }
  }


  private NodeOutcome loadAndBoot(NodeLoad n, InetSocketAddress group, CountDownLatch loaded) throws InterruptedException {
    long start = System.nanoTime();
    String failure;
    try {
      failure = load(n, group);
    } finally {
      loaded.countDown();
    }
    if (failure != null) {
      driver.power(n.node(), PowerAction.OFF);
      sink.update(n.node(), NodeStatus.FAILED, 0, 0, failure);
      return new NodeOutcome(n.node(), false, true, failure, null, null, 0);
    }
    long loadedAt = System.nanoTime();
    long loadMs = (loadedAt - start) / 1_000_000;
    if (!options.reboot()) {
      return new NodeOutcome(n.node(), true, false, null, loadMs, null, loadedAt);
    }
    return boot(n, loadMs, loadedAt, false);
  }

  private NodeOutcome rebootOnly(NodeLoad n) throws InterruptedException {
    return boot(n, null, System.nanoTime(), true);
  }

  /** Loads the node's image, with one reload retry; returns null on success, else the reason. */
  private String load(NodeLoad n, InetSocketAddress group) throws InterruptedException {
    ImageRef image = n.image();
    Duration deadline = Deadlines.load(image.fileBytes(), driver.timeScale(n.node()));
    BlockingQueue<NodeEvent> q = queues.get(n.node());
    String reason = null;
    for (int attempt = 1; attempt <= 2; attempt++) {
      q.clear();
      driver.setNextBoot(n.node(), new BootTarget.LoadImage(image.name(), group, options.iface(), options.ttl(), image.imageBytes(),
          options.reboot()));
      driver.power(n.node(), PowerAction.CYCLE);
      sink.update(n.node(), NodeStatus.LOADING, 0, image.imageBytes(), null);
      long until = driver.clockNanos(n.node()) + deadline.toNanos();
      long done = 0;
      reason = null;
      while (reason == null) {
        NodeEvent e = next(n.node(), q, until);
        if (e == null) {
          reason = "disk load of " + image.name() + " timed out after " + seconds(deadline) + " at "
              + (image.imageBytes() > 0 ? done * 100 / image.imageBytes() : 0) + "%";
        } else if (e.state() == BootState.RELOADING) {
          done = e.bytesDone();
          sink.update(n.node(), NodeStatus.LOADING, e.bytesDone(), e.bytesTotal(), null);
        } else if (e.state() == BootState.RELOADDONE) {
          sink.update(n.node(), options.reboot() ? NodeStatus.BOOTING : NodeStatus.UP, image.imageBytes(),
              image.imageBytes(), null);
          return null;
        } else if (e.state() == BootState.PXEFAILED) {
          reason = "disk load of " + image.name() + " failed: " + e.detail();
        }
      }
    }
    return reason + " (also after one reload retry)";
  }

  /** Waits for the node's OS, with one reboot retry; TBFAILED is final. */
  private NodeOutcome boot(NodeLoad n, Long loadMs, long bootStart, boolean cycleFirst) throws InterruptedException {
    Duration deadline = Deadlines.boot(n.biosWaitSeconds(), n.rebootWaitSeconds(), driver.timeScale(n.node()));
    BlockingQueue<NodeEvent> q = queues.get(n.node());
    long loaded = n.image() == null ? 0 : n.image().imageBytes();
    String reason = null;
    for (int attempt = 1; attempt <= 2; attempt++) {
      if (attempt > 1 || cycleFirst) {
        q.clear();
        driver.setNextBoot(n.node(), new BootTarget.Disk(n.osid()));
        driver.power(n.node(), PowerAction.CYCLE);
      }
      sink.update(n.node(), NodeStatus.BOOTING, loaded, loaded, null);
      long until = driver.clockNanos(n.node()) + deadline.toNanos();
      reason = null;
      while (reason == null) {
        NodeEvent e = next(n.node(), q, until);
        if (e == null) {
          reason = "did not come up within " + seconds(deadline);
        } else if (e.state() == BootState.ISUP) {
          long upAt = System.nanoTime();
          sink.update(n.node(), NodeStatus.UP, loaded, loaded, null);
          return new NodeOutcome(n.node(), true, false, null, loadMs, (upAt - bootStart) / 1_000_000, upAt);
        } else if (e.state() == BootState.TBFAILED) {
          String failure = "boot failed (TBFAILED): " + e.detail();
          sink.update(n.node(), NodeStatus.FAILED, 0, 0, failure);
          return new NodeOutcome(n.node(), false, false, failure, loadMs, null, 0);
        }
      }
    }
    driver.power(n.node(), PowerAction.OFF);
    String failure = reason + ", also not after one reboot";
    sink.update(n.node(), NodeStatus.FAILED, 0, 0, failure);
    return new NodeOutcome(n.node(), false, false, failure, loadMs, null, 0);
  }

  /**
   * The node's next event, or null once its clock has passed {@code until}. The node's clock may
   * run slower than the wall clock (a simulated node waiting for its host), never faster, so
   * waiting the rest of its deadline in wall time and then asking again is never late.
   */
  private NodeEvent next(String node, BlockingQueue<NodeEvent> q, long until) throws InterruptedException {
    while (true) {
      long left = until - driver.clockNanos(node);
      if (left <= 0) {
        return q.poll();
      }
      NodeEvent e = q.poll(left, TimeUnit.NANOSECONDS);
      if (e != null) {
        return e;
      }
    }
  }

  private static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
