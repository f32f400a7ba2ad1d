package org.nsbed.provisioner.node;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.nsbed.loader.image.ImageInfo;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.node.qemu.QemuNodes;
import org.nsbed.provisioner.node.remote.HalfLoadedDisks;
import org.nsbed.provisioner.node.remote.HostedNode;
import org.nsbed.provisioner.node.remote.NodeHosts;
import org.nsbed.provisioner.node.simulated.SimulatedNodeSpec;
import org.nsbed.provisioner.node.simulated.SimulatedNodes;
import org.nsbed.provisioner.node.simulated.SimulatedTimings;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.provisioner.recipe.ImageRecipes;
import org.nsbed.provisioner.testbed.TestbedFile;

/**
 * The node drivers of a testbed, the one place that says which driver runs which node: a node the
 * testbed file places on a node host ({@code host:}) goes to {@link NodeHosts}, which passes its
 * calls to that host's agent; every other node of the catalogue goes to the driver its node type
 * names ({@code driver:}, simulated when absent) in this process. Every call is passed on to the
 * driver of the node it names, so the orchestration holds one {@link NodeDriver} whatever mix of
 * drivers and hosts the testbed has.
 */
public final class NodeDrivers implements NodeDriver {
  private final Map<String, NodeDriver> byNode;
  private final List<NodeDriver> drivers;
  private final NodeHosts hosts;

  private NodeDrivers(Map<String, NodeDriver> byNode, List<NodeDriver> drivers, NodeHosts hosts) {
    this.byNode = byNode;
    this.drivers = drivers;
    this.hosts = hosts;
  }

  /**
   * The drivers of every node of the catalogue in {@code db}, as {@code file} (the testbed file
   * the catalogue was imported from) assigns them.
   *
   * @param home nsbed's home, where the drivers keep disks, consoles and running machines
   */
  public static NodeDrivers forTestbed(Path home, Database db, TestbedFile file) {
    record Physical(String name, String type, int biosWaitSeconds, boolean reserved) {}
    List<Physical> nodes = db.inTransaction(s -> new CatalogRepository(s).nodes().stream()
        .map(n -> new Physical(n.name(), n.type().name(), n.type().biosWaitSeconds(),
            n.state() == org.nsbed.provisioner.catalog.Allocation.RESERVED))
        .toList());
    Map<String, String> hostOf = new LinkedHashMap<>();
    file.nodes().forEach(n -> n.host().ifPresent(h -> hostOf.put(n.name(), h)));
    Map<String, List<HostedNode>> onHosts = new LinkedHashMap<>();
    Map<String, List<Physical>> byDriver = new LinkedHashMap<>();
    for (Physical n : nodes) {
      String host = hostOf.get(n.name());
      if (host != null) {
        TestbedFile.NodeType type = file.nodeType(n.type()).orElseThrow();
        onHosts.computeIfAbsent(host, h -> new ArrayList<>()).add(new HostedNode(n.name(), n.type(), type.driver(),
            n.biosWaitSeconds(), type.qemu(), faults(file).getOrDefault(n.name(), NodeFaults.NONE)));
        continue;
      }
      String driver = file.nodeType(n.type()).map(TestbedFile.NodeType::driver).orElse(TestbedFile.SIMULATED);
      byDriver.computeIfAbsent(driver, d -> new ArrayList<>()).add(n);
    }
    Map<String, NodeDriver> byNode = new LinkedHashMap<>();
    List<NodeDriver> drivers = new ArrayList<>();
    for (Map.Entry<String, List<Physical>> d : byDriver.entrySet()) {
      NodeDriver driver = switch (d.getKey()) {
        case TestbedFile.SIMULATED -> SimulatedNodes.of(home, d.getValue().stream()
            .map(n -> new SimulatedNodeSpec(n.name(), n.type(), n.biosWaitSeconds())).toList(), file);
        case TestbedFile.QEMU -> new QemuNodes(home, d.getValue().stream()
            .map(n -> new QemuNodes.Spec(n.name(), file.nodeType(n.type()).orElseThrow().qemu())).toList(),
            d.getValue().stream().filter(Physical::reserved).map(Physical::name).collect(Collectors.toSet()),
            ImageRecipes.cacheDir(home), new MulticastImageFetcher(QemuNodes.LOADER_TIMEOUT));
        default -> throw new IllegalArgumentException("no node driver '" + d.getKey() + "'");
      };
      drivers.add(driver);
      d.getValue().forEach(n -> byNode.put(n.name(), driver));
    }
    NodeHosts hosts = new NodeHosts(home, onHosts, file.simulation().timeScale());
    drivers.add(hosts);
    hosts.nodes().forEach(n -> byNode.put(n, hosts));
    return new NodeDrivers(Collections.unmodifiableMap(byNode), List.copyOf(drivers), hosts);
  }

  /**
   * The drivers of a node host's nodes, as its agent ({@code nsbed agent}) runs them: simulated
   * nodes and virtual machines in {@code home}, as the server's own process would. A disk that was
   * being written when the agent last stopped is thrown away first (see {@link HalfLoadedDisks}).
   *
   * @return the drivers, and the nodes whose half-loaded disks were thrown away
   */
  public static NodeDrivers forHost(Path home, List<HostedNode> nodes, double timeScale) {
    Map<String, NodeDriver> byNode = new LinkedHashMap<>();
    List<NodeDriver> drivers = new ArrayList<>();
    List<HostedNode> simulated = nodes.stream().filter(n -> n.driver().equals(TestbedFile.SIMULATED)).toList();
    List<HostedNode> qemu = nodes.stream().filter(n -> n.driver().equals(TestbedFile.QEMU)).toList();
    HalfLoadedDisks.discard(home.resolve("disks"), nodes.stream().map(HostedNode::name).toList(),
        new ConsoleLogs(home));
    if (!simulated.isEmpty()) {
      SimulatedTimings timings = new SimulatedTimings(timeScale);
      Map<String, NodeFaults> faults = new HashMap<>();
      simulated.forEach(n -> faults.put(n.name(), n.faults()));
      SimulatedNodes driver = new SimulatedNodes(home, simulated.stream()
          .map(n -> new SimulatedNodeSpec(n.name(), n.type(), n.biosWaitSeconds())).toList(), faults, timings,
          new HalfLoadedDisks(new MulticastImageFetcher(SimulatedNodes.loaderTimeout(timings))));
      drivers.add(driver);
      simulated.forEach(n -> byNode.put(n.name(), driver));
    }
    if (!qemu.isEmpty()) {
      // A registering agent starts with every node off (NodeHosts): no machine is reserved yet.
      QemuNodes driver = new QemuNodes(home, qemu.stream().map(n -> new QemuNodes.Spec(n.name(), n.qemu()))
          .toList(), Set.of(), ImageRecipes.cacheDir(home),
          new HalfLoadedDisks(new MulticastImageFetcher(QemuNodes.LOADER_TIMEOUT)));
      drivers.add(driver);
      qemu.forEach(n -> byNode.put(n.name(), driver));
    }
    for (HostedNode n : nodes) {
      if (!byNode.containsKey(n.name())) {
        throw new IllegalArgumentException("node " + n.name() + ": no node driver '" + n.driver() + "'");
      }
    }
    return new NodeDrivers(Collections.unmodifiableMap(byNode), List.copyOf(drivers),
        new NodeHosts(home, Map.of(), timeScale));
  }

  private static Map<String, NodeFaults> faults(TestbedFile file) {
    Map<String, NodeFaults> faults = new HashMap<>();
    file.faults().forEach(f -> faults.put(f.node(), NodeFaults.from(f)));
    return faults;
  }

  /**
   * The nodes of this testbed that live on node hosts, whose agents the server's API connects
   * here (none when the testbed file names no host).
   */
  public NodeHosts hosts() {
    return hosts;
  }

  @Override
  public void power(String node, PowerAction action) {
    driver(node).power(node, action);
  }

  @Override
  public void setNextBoot(String node, BootTarget target) {
    driver(node).setNextBoot(node, target);
  }

  @Override
  public ConsoleText readConsole(String node, long offset) {
    return driver(node).readConsole(node, offset);
  }

  @Override
  public void archiveConsole(String node, String label) {
    driver(node).archiveConsole(node, label);
  }

  @Override
  public Optional<Instant> lastActivity(String node) {
    return driver(node).lastActivity(node);
  }

  @Override
  public void send(String node, String text) throws InterruptedException {
    driver(node).send(node, text);
  }

  @Override
  public ImageInfo captureImage(String node, int partition, Path image) throws IOException {
    return driver(node).captureImage(node, partition, image);
  }

  @Override
  public double timeScale(String node) {
    return driver(node).timeScale(node);
  }

  @Override
  public long clockNanos(String node) {
    return driver(node).clockNanos(node);
  }

  @Override
  public void addListener(NodeEventListener listener) {
    drivers.forEach(d -> d.addListener(listener));
  }

  @Override
  public void removeListener(NodeEventListener listener) {
    drivers.forEach(d -> d.removeListener(listener));
  }

  @Override
  public List<String> nodes() {
    return byNode.keySet().stream().sorted().toList();
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (NodeDriver d : drivers) {
      try {
        d.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private NodeDriver driver(String node) {
    NodeDriver d = byNode.get(node);
    if (d == null) {
      throw new IllegalArgumentException("no such node: " + node);
    }
    return d;
  }
}
