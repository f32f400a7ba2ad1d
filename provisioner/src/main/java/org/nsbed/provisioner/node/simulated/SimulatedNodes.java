package org.nsbed.provisioner.node.simulated;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.nsbed.loader.image.ImageInfo;
import org.nsbed.provisioner.node.AbstractNodeDriver;
import org.nsbed.provisioner.node.BootTarget;
import org.nsbed.provisioner.node.ConsoleLogs;
import org.nsbed.provisioner.node.ConsoleText;
import org.nsbed.provisioner.node.ImageFetcher;
import org.nsbed.provisioner.node.MulticastImageFetcher;
import org.nsbed.provisioner.node.NodeDriver;
import org.nsbed.provisioner.node.NodeEvent;
import org.nsbed.provisioner.node.NodeFaults;
import org.nsbed.provisioner.node.PowerAction;
import org.nsbed.provisioner.testbed.TestbedFile;
import org.nsbed.provisioner.time.TestbedClock;

/**
 * The {@link NodeDriver} of simulated node types (the default testbed's, and any type without
 * {@code driver: qemu}): every node is a {@link SimulatedNode} with its disk at {@code <home>/disks/<node>.img} and its console log at
 * {@code <home>/consoles/<node>.log}. Disk loads run the real multicast client in this JVM.
 */
public final class SimulatedNodes extends AbstractNodeDriver {
  private final ImageFetcher fetcher;
  private final Map<String, SimulatedNode> nodes;
  private final ConsoleLogs consoles;
  private final SimulatedTimings timings;
  private final ExecutorService threads;
  private final ExecutorService starter;

  /**
   * @param home nsbed's home (disks and consoles live below it)
   * @param specs the nodes' hardware
   * @param faults injected faults by node name (absent = healthy)
   * @param timings how long simulated boot steps take
   * @param fetcher the disk loader the nodes run
   */
  public SimulatedNodes(
      Path home,
      List<SimulatedNodeSpec> specs,
      Map<String, NodeFaults> faults,
      SimulatedTimings timings,
      ImageFetcher fetcher) {
    this(home, specs, faults, timings, fetcher, HostLoadSlots.forThisHost(), TestbedClock.system());
  }

  /** As the public constructor, the nodes sharing {@code loadSlots} and timing their boot steps on {@code clock}. */
  SimulatedNodes(
      Path home,
      List<SimulatedNodeSpec> specs,
      Map<String, NodeFaults> faults,
      SimulatedTimings timings,
      ImageFetcher fetcher,
      HostLoadSlots loadSlots,
      TestbedClock clock) {
    Path disks = home.resolve("disks");
    this.fetcher = fetcher;
    this.consoles = new ConsoleLogs(home);
    this.timings = timings;
    try {
      Files.createDirectories(disks);
      Files.createDirectories(home.resolve("consoles"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the simulated testbed's directories in " + home, e);
    }
    AtomicInteger count = new AtomicInteger();
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "simulated-node-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    // Thread.start returns once the new thread has run, which on a busy host waits for a core: a
    // swap-in powering on a thousand nodes would wait that long a thousand times. The boots'
    // threads are started here instead, one after the other, while the caller goes on.
    this.starter = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "simulated-node-power");
      t.setDaemon(true);
      return t;
    });
    this.nodes = specs.stream().collect(Collectors.toUnmodifiableMap(
        SimulatedNodeSpec::name,
        spec -> new SimulatedNode(spec, disks.resolve(spec.name() + ".img"),
            consoles.of(spec.name()), faults.getOrDefault(spec.name(), NodeFaults.NONE),
            timings, fetcher, loadSlots, clock, this::publish)));
  }

  /**
   * The simulated testbed of some nodes of a testbed file: each node with its type's BIOS wait,
   * the file's faults and time scale, and the real multicast client as disk loader.
   */
  public static SimulatedNodes of(Path home, List<SimulatedNodeSpec> specs, TestbedFile file) {
    Map<String, NodeFaults> faults = new HashMap<>();
    file.faults().forEach(f -> faults.put(f.node(), NodeFaults.from(f)));
    SimulatedTimings timings = new SimulatedTimings(file.simulation().timeScale());
    return new SimulatedNodes(home, specs, faults, timings, new MulticastImageFetcher(loaderTimeout(timings)));
  }

  /** How long a simulated node's disk loader waits before it gives up. */
  public static Duration loaderTimeout(SimulatedTimings timings) {
    // A real disk loader gives up after an hour; never less than 30 s so slow test machines pass.
    return timings.scaled(3600).compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : timings.scaled(3600);
  }

  /** The disk file of a node (the simulated hardware's disk). */
  public Path disk(String node) {
    return node(node).disk();
  }

  @Override
  public void power(String node, PowerAction action) {
    node(node).power(action, boot -> starter.execute(() -> threads.execute(boot)));
  }

  @Override
  public void setNextBoot(String node, BootTarget target) {
    node(node).setNextBoot(target);
  }

  @Override
  public ImageInfo captureImage(String node, int partition, Path image) throws IOException {
    return node(node).captureImage(partition, image);
  }

  @Override
  public ConsoleText readConsole(String node, long offset) {
    return consoles.readConsole(known(node), offset);
  }

  @Override
  public void archiveConsole(String node, String label) {
    consoles.archiveConsole(known(node), label);
  }

  @Override
  public double timeScale(String node) {
    known(node);
    return timings.timeScale();
  }

  /** The node's console output is its activity (the disk loader's progress shows there too). */
  @Override
  public Optional<Instant> lastActivity(String node) {
    return consoles.lastActivity(known(node));
  }

  @Override
  public long clockNanos(String node) {
    return node(node).clockNanos();
  }

  @Override
  public List<String> nodes() {
    return nodes.keySet().stream().sorted().toList();
  }

  @Override
  public void close() {
    nodes.keySet().forEach(n -> power(n, PowerAction.OFF));
    starter.shutdownNow();
    threads.shutdownNow();
    fetcher.close();
  }

  private String known(String name) {
    node(name);
    return name;
  }

  private SimulatedNode node(String name) {
    SimulatedNode n = nodes.get(name);
    if (n == null) {
      throw new IllegalArgumentException("no such node: " + name);
    }
    return n;
  }
}
