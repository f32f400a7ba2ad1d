package org.nsbed.provisioner.node;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.nsbed.loader.image.ImageInfo;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.node.qemu.QemuTestbed;
import org.nsbed.provisioner.node.simulated.SimulatedNodeSpec;
import org.nsbed.provisioner.node.simulated.SimulatedTestbed;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.provisioner.recipe.ImageRecipes;
import org.nsbed.provisioner.testbed.TestbedFile;

/**
 * The node drivers of a testbed, the one place that says which driver runs which node: each node
 * of the catalogue goes to the driver its node type names in the testbed file ({@code driver:},
 * simulated when absent). Every call is passed on to the driver of the node it names, so the
 * orchestration holds one {@link NodeDriver} whatever mix of drivers the testbed has.
 */
public final class NodeDrivers implements NodeDriver {
  private final Map<String, NodeDriver> byNode;
  private final List<NodeDriver> drivers;

  private NodeDrivers(Map<String, NodeDriver> byNode, List<NodeDriver> drivers) {
    this.byNode = byNode;
    this.drivers = drivers;
  }

  /**
   * The drivers of every node of the catalogue in {@code db}, as {@code file} (the testbed file
   * the catalogue was imported from) assigns them.
   *
   * @param home nsbed's home, where the drivers keep disks, consoles and running machines
   */
  public static NodeDriver forTestbed(Path home, Database db, TestbedFile file) {
    record Physical(String name, String type, int biosWaitSeconds, boolean reserved) {}
    List<Physical> nodes = db.inTransaction(s -> new CatalogRepository(s).nodes().stream()
        .map(n -> new Physical(n.name(), n.type().name(), n.type().biosWaitSeconds(),
            n.state() == org.nsbed.provisioner.catalog.NodeState.RESERVED))
        .toList());
    Map<String, List<Physical>> byDriver = new LinkedHashMap<>();
    for (Physical n : nodes) {
      String driver = file.nodeType(n.type()).map(TestbedFile.NodeType::driver).orElse(TestbedFile.SIMULATED);
      byDriver.computeIfAbsent(driver, d -> new ArrayList<>()).add(n);
    }
    Map<String, NodeDriver> byNode = new LinkedHashMap<>();
    List<NodeDriver> drivers = new ArrayList<>();
    for (Map.Entry<String, List<Physical>> d : byDriver.entrySet()) {
      NodeDriver driver = switch (d.getKey()) {
        case TestbedFile.SIMULATED -> SimulatedTestbed.of(home, d.getValue().stream()
            .map(n -> new SimulatedNodeSpec(n.name(), n.type(), n.biosWaitSeconds())).toList(), file);
        case TestbedFile.QEMU -> new QemuTestbed(home, d.getValue().stream()
            .map(n -> new QemuTestbed.Spec(n.name(), file.nodeType(n.type()).orElseThrow().qemu())).toList(),
            d.getValue().stream().filter(Physical::reserved).map(Physical::name).collect(Collectors.toSet()),
            ImageRecipes.cacheDir(home));
        default -> throw new IllegalArgumentException("no node driver '" + d.getKey() + "'");
      };
      drivers.add(driver);
      d.getValue().forEach(n -> byNode.put(n.name(), driver));
    }
    return new NodeDrivers(Collections.unmodifiableMap(byNode), List.copyOf(drivers));
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
