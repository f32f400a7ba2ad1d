package org.nsbed.provisioner.node.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nsbed.loader.image.ImageInfo;
import org.nsbed.provisioner.node.AbstractNodeDriver;
import org.nsbed.provisioner.node.BootTarget;
import org.nsbed.provisioner.node.ConsoleLogs;
import org.nsbed.provisioner.node.ConsoleText;
import org.nsbed.provisioner.node.ImageCapture;
import org.nsbed.provisioner.node.NodeDriver;
import org.nsbed.provisioner.node.NodeEvent;
import org.nsbed.provisioner.node.BootState;
import org.nsbed.provisioner.node.PowerAction;
import org.nsbed.provisioner.testbed.TestbedFile;

/**
 * The {@link NodeDriver} of nodes that live on node hosts (the testbed file's {@code host:}): every
 * call becomes a {@link HostCommand} for the host's agent ({@code nsbed agent}), which runs the
 * node with its own simulated or {@code qemu} driver and reports the node's events and console
 * output back (docs/server.md, "Node hosts").
 *
 * <p>How the two sides meet. An agent {@linkplain #register registers} its host and gets a new
 * session; registering again (the agent restarted, or came back after losing the server) ends the
 * previous session, whose polls and reports are then refused ({@link SessionEnded}). The commands
 * of a host wait in one queue, in the order the driver calls were made; the agent takes them with
 * {@link #poll}, which waits for the first one, and carries them out in that order. The agent
 * {@linkplain #report reports} events, which go to this driver's listeners like any driver's, and
 * console output, which is appended to the node's console log in the server's home (so consoles
 * stay readable while the host is gone).
 *
 * <p>Reconciling a host that comes back. A registering agent has every node powered off and has
 * thrown away any disk it was writing when it stopped (a half-loaded disk boots nothing). The
 * commands still queued for the old session are dropped, and the new session starts with what
 * the control plane last wanted of each node: for a node that should be running, its next boot
 * and a power-on. A node that was up boots its disk again; one that was loading starts its load
 * again; one the control plane has given up on (failed by deadline and powered off) stays off.
 * A host that never comes back just stays silent: its nodes fail by their deadlines, as any
 * machine that stops answering.
 *
 * <p>Capturing a hosted node's disk ({@code create_image}). The server cannot read the disk, so
 * {@link #captureImage} sends the host a {@link HostCommand.Capture} under a new capture id and
 * waits: the agent shuts the node down, runs imagezip over its disk and uploads the image
 * ({@link #receiveImage}), which is written beside the descriptor's file and replaces it only
 * once it is whole ({@link ImageCapture#receive}); or it reports why it could not
 * ({@link #captureFailed}). The capture fails, leaving no image file, when the upload breaks off,
 * when the host registers again (the agent restarted), or when the host has not been heard from
 * for {@link #CAPTURE_SILENCE} (its agent polls far more often than that).
 *
 * <p>Locking: each host's state (session, queue, what its nodes should be doing) is guarded by
 * its {@link Host} object; polls wait on it. Listeners are called on the reporting request's
 * thread, outside that lock.
 */
public final class NodeHosts extends AbstractNodeDriver {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** How long a capture waits for a host that has stopped polling and reporting. */
  static final Duration CAPTURE_SILENCE = Duration.ofSeconds(60);

  private final Map<String, Host> hosts = new LinkedHashMap<>();
  private final Map<String, Host> hostOf = new LinkedHashMap<>();
  private final Map<String, HostedNode> nodes = new LinkedHashMap<>();
  private final double timeScale;
  private final ConsoleLogs consoles;

  /**
   * @param home the server's home, where the nodes' console logs are kept
   * @param nodes the hosted nodes, by host name
   * @param timeScale the simulated nodes' time scale (the testbed file's {@code simulation})
   */
  public NodeHosts(Path home, Map<String, List<HostedNode>> nodes, double timeScale) {
    this.consoles = new ConsoleLogs(home);
    this.timeScale = timeScale;
    nodes.forEach((name, list) -> {
      Host host = new Host(name, List.copyOf(list));
      hosts.put(name, host);
      for (HostedNode n : list) {
        if (this.nodes.put(n.name(), n) != null) {
          throw new IllegalArgumentException("node " + n.name() + " is on two hosts");
        }
        hostOf.put(n.name(), host);
        host.nextBoot.put(n.name(), new BootTarget.Disk(null));
        host.on.put(n.name(), false);
      }
    });
  }

  /**
   * What an agent learns when it registers.
   *
   * @param session the session its polls and reports name
   * @param nodes the nodes it runs
   * @param timeScale the simulated nodes' time scale
   */
  public record Registration(String session, List<HostedNode> nodes, double timeScale) {}

  /** A poll or report of a session that is no longer the host's. */
  public static final class SessionEnded extends RuntimeException {
    private final boolean superseded;

    SessionEnded(String message, boolean superseded) {
      super(message);
      this.superseded = superseded;
    }

    /** True if another agent registered the host since; false if this server never knew the session. */
    public boolean superseded() {
      return superseded;
    }
  }

  /** The node hosts the testbed file names. */
  public List<String> hosts() {
    return List.copyOf(hosts.keySet());
  }

  /** True if {@code host} is one of them. */
  public boolean knows(String host) {
    return hosts.containsKey(host);
  }

  /** When the host's agent last polled or reported; empty if no agent has. */
  public Optional<Instant> lastSeen(String host) {
    Host h = host(host);
    synchronized (h) {
      return Optional.ofNullable(h.lastSeen);
    }
  }

  /** Starts a new session of {@code host}'s agent, ending any earlier one (see the class comment). */
  public Registration register(String host) {
    Host h = host(host);
    synchronized (h) {
      h.session = newId();
      h.lastSeen = Instant.now();
      h.queue.clear();
      h.failCaptures("node host " + h.name + " registered again (its agent restarted) during the capture");
      for (HostedNode n : h.nodes) {
        if (h.on.get(n.name())) {
          h.queue.add(new HostCommand.NextBoot(n.name(), h.nextBoot.get(n.name())));
          h.queue.add(new HostCommand.Power(n.name(), PowerAction.ON));
        }
      }
      h.notifyAll();
      return new Registration(h.session, h.nodes, timeScale);
    }
  }

  private static String newId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /**
   * The commands waiting for {@code host}, waiting up to {@code wait} for the first one; empty if
   * none came.
   *
   * @throws SessionEnded if {@code session} is not the host's session
   */
  public List<HostCommand> poll(String host, String session, Duration wait) throws InterruptedException {
    Host h = host(host);
    long until = System.nanoTime() + wait.toNanos();
    synchronized (h) {
      check(h, session);
      while (h.queue.isEmpty()) {
        long left = until - System.nanoTime();
        if (left <= 0 || h.closed) {
          break;
        }
        TimeUnit.NANOSECONDS.timedWait(h, left);
        check(h, session);
      }
      h.lastSeen = Instant.now();
      List<HostCommand> taken = new ArrayList<>(h.queue);
      h.queue.clear();
      return taken;
    }
  }

  /**
   * Takes a report of {@code host}'s agent: node events, in the order they happened, and console
   * output by node.
   *
   * @throws SessionEnded if {@code session} is not the host's session
   * @throws IllegalArgumentException if an event or console text names a node of another host
   */
  public void report(String host, String session, List<NodeEvent> events, Map<String, String> console) {
    Host h = host(host);
    synchronized (h) {
      check(h, session);
      for (NodeEvent e : events) {
        requireOn(h, e.node());
      }
      console.keySet().forEach(n -> requireOn(h, n));
      h.lastSeen = Instant.now();
      for (NodeEvent e : events) {
        follow(h, e);
      }
    }
    console.forEach((node, text) -> consoles.of(node).print(text));
    events.forEach(this::publish);
  }

  /** Keeps what the node should be doing in step with what it did on its own. */
  private static void follow(Host h, NodeEvent e) {
    if (e.state() == BootState.RELOADDONE && h.nextBoot.get(e.node()) instanceof BootTarget.LoadImage load) {
      if (load.rebootAfterLoad()) {
        h.nextBoot.put(e.node(), new BootTarget.Disk(null));
      } else {
        h.on.put(e.node(), false);
      }
    } else if (e.state().failure()) {
      // The node halted: powering it on again would only fail the same way.
      h.on.put(e.node(), false);
    }
  }

  private static void requireOn(Host h, String node) {
    if (!h.nodes.stream().anyMatch(n -> n.name().equals(node))) {
      throw new IllegalArgumentException("node " + node + " does not live on node host " + h.name);
    }
  }

  private static void check(Host h, String session) {
    if (h.session == null || !h.session.equals(session)) {
      throw new SessionEnded(h.session == null
          ? "node host " + h.name + " has no session here (the server restarted?): register again"
          : "this session of node host " + h.name + " has ended: another agent registered the host",
          h.session != null);
    }
  }

  @Override
  public void power(String node, PowerAction action) {
    Host h = hostOfNode(node);
    synchronized (h) {
      h.on.put(node, action != PowerAction.OFF);
      enqueue(h, new HostCommand.Power(node, action));
    }
  }

  @Override
  public void setNextBoot(String node, BootTarget target) {
    Host h = hostOfNode(node);
    synchronized (h) {
      h.nextBoot.put(node, target);
      enqueue(h, new HostCommand.NextBoot(node, target));
    }
  }

  @Override
  public void send(String node, String text) {
    Host h = hostOfNode(node);
    synchronized (h) {
      enqueue(h, new HostCommand.Send(node, text));
    }
  }

  private static void enqueue(Host h, HostCommand c) {
    h.queue.add(c);
    h.notifyAll();
  }

  @Override
  public ConsoleText readConsole(String node, long offset) {
    hostOfNode(node);
    return consoles.readConsole(node, offset);
  }

  @Override
  public void archiveConsole(String node, String label) {
    hostOfNode(node);
    consoles.archiveConsole(node, label);
  }

  @Override
  public Optional<Instant> lastActivity(String node) {
    hostOfNode(node);
    return consoles.lastActivity(node);
  }

  /** Has the node's host capture its disk and waits for the image (see the class comment). */
  @Override
  public ImageInfo captureImage(String node, int partition, Path image) throws IOException {
    Host h = hostOfNode(node);
    Capture capture = new Capture(newId(), node, image);
    synchronized (h) {
      // The agent leaves the node off after the capture, as a local capture does.
      h.on.put(node, false);
      h.captures.put(capture.id(), capture);
      enqueue(h, new HostCommand.Capture(node, partition, capture.id()));
    }
    try {
      while (true) {
        try {
          return capture.image().get(1, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          Instant seen = lastSeen(h.name).orElse(Instant.EPOCH);
          if (Duration.between(seen, Instant.now()).compareTo(CAPTURE_SILENCE) > 0) {
            throw new IOException("node host " + h.name + " has not been heard from for "
                + CAPTURE_SILENCE.toSeconds() + " s: the capture of " + node + " is given up");
          }
        }
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while node host " + h.name + " captured " + node);
    } finally {
      synchronized (h) {
        h.captures.remove(capture.id());
      }
    }
  }

  /**
   * Takes the image of capture {@code capture} that {@code host}'s agent uploads, writing it into
   * the descriptor's file only once it has arrived whole; the waiting {@link #captureImage}
   * returns then, or fails with the upload.
   *
   * @throws SessionEnded if {@code session} is not the host's session
   * @throws IllegalArgumentException if the host has no such capture under way
   * @throws IOException if the upload breaks off or is not an image (no file is left behind)
   */
  public ImageInfo receiveImage(String host, String session, String capture, InputStream in) throws IOException {
    Capture c = capture(host, session, capture);
    try {
      ImageInfo info = ImageCapture.receive(in, c.file());
      c.image().complete(info);
      return info;
    } catch (IOException | RuntimeException e) {
      c.image().completeExceptionally(new IOException("the upload of the image of " + c.node() + " from node host "
          + host + " failed: " + e.getMessage(), e));
      throw e;
    }
  }

  /**
   * Takes {@code host}'s agent's word that capture {@code capture} failed, and why.
   *
   * @throws SessionEnded if {@code session} is not the host's session
   * @throws IllegalArgumentException if the host has no such capture under way
   */
  public void captureFailed(String host, String session, String capture, String reason) {
    Capture c = capture(host, session, capture);
    c.image().completeExceptionally(new IOException("node host " + host + " could not capture " + c.node() + ": "
        + reason));
  }

  private Capture capture(String host, String session, String capture) {
    Host h = host(host);
    synchronized (h) {
      check(h, session);
      h.lastSeen = Instant.now();
      Capture c = h.captures.get(capture);
      if (c == null) {
        throw new IllegalArgumentException("node host " + host + " has no capture " + capture + " under way");
      }
      return c;
    }
  }

  @Override
  public double timeScale(String node) {
    return TestbedFile.QEMU.equals(hostedNode(node).driver()) ? 1.0 : timeScale;
  }

  @Override
  public List<String> nodes() {
    return nodes.keySet().stream().sorted().toList();
  }

  /** Ends every waiting poll; the agents' nodes keep running on their hosts. */
  @Override
  public void close() {
    for (Host h : hosts.values()) {
      synchronized (h) {
        h.closed = true;
        h.failCaptures("the server is stopping");
        h.notifyAll();
      }
    }
  }

  private HostedNode hostedNode(String node) {
    HostedNode n = nodes.get(node);
    if (n == null) {
      throw new IllegalArgumentException("no such node: " + node);
    }
    return n;
  }

  private Host hostOfNode(String node) {
    hostedNode(node);
    return hostOf.get(node);
  }

  private Host host(String name) {
    Host h = hosts.get(name);
    if (h == null) {
      throw new IllegalArgumentException("no node lives on node host '" + name + "' (the testbed file's nodes "
          + "name their host with host:)");
    }
    return h;
  }

  /** One node host: its agent's session, the commands waiting for it, what its nodes should be doing. */
  private static final class Host {
    final String name;
    final List<HostedNode> nodes;
    final ArrayDeque<HostCommand> queue = new ArrayDeque<>();
    final Map<String, BootTarget> nextBoot = new LinkedHashMap<>();
    final Map<String, Boolean> on = new LinkedHashMap<>();
    final Map<String, Capture> captures = new LinkedHashMap<>();
    String session;
    Instant lastSeen;
    boolean closed;

    Host(String name, List<HostedNode> nodes) {
      this.name = name;
      this.nodes = nodes;
    }

    void failCaptures(String why) {
      captures.values().forEach(c -> c.image().completeExceptionally(new IOException(
          "create_image of " + c.node() + " failed: " + why)));
    }
  }

  /** One create_image of a hosted node: where its image goes, and the image once it is there. */
  private record Capture(String id, String node, Path file, CompletableFuture<ImageInfo> image) {
    Capture(String id, String node, Path file) {
      this(id, node, file, new CompletableFuture<>());
    }
  }
}
