package org.nsbed.scheduler.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.experiment.lifecycle.NodeStore;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.node.ConsoleLog;
import org.nsbed.scheduler.engine.Engine;
import org.quartz.JobDataMap;

/**
 * The node-level commands: {@code os_load}, {@code create_image} and {@code node_reboot}. Each
 * request is checked as the reference checks it (the node exists, is reserved to an experiment of
 * a project the user acts in, the image exists and runs on the node's type...), stored as an
 * {@link Operation}, and run as a persistent job.
 */
public final class NodeOperations {
  static final String LOADS = "loads";
  static final String REBOOT = "reboot";
  static final String COUNT_BOOT = "countBootFailures";

  private final Engine engine;

  public NodeOperations(Engine engine) {
    this.engine = engine;
  }

  /** The physical nodes of an experiment ({@code -e pid,eid}). */
  public List<String> nodesOf(String pid, String eid, String user) {
    return engine.nodes().nodesOf(pid, eid, user);
  }

  /** The experiments (by id) holding any of {@code nodes}, for a command's progress display. */
  public List<Long> experimentsHolding(List<String> nodes) {
    return engine.nodes().experimentsHolding(nodes);
  }

  /** The project of the experiment holding {@code node}; empty for an unknown or unreserved node. */
  public Optional<String> projectHolding(String node) {
    return engine.nodes().projectHolding(node);
  }

  /**
   * Starts {@code os_load}: loads each node with the image named {@code imageName} (looked up in
   * {@code imageProject}, then the node's experiment's project, then {@code emulab-ops}), or the
   * image with internal id {@code imageId}, or when both are null the node type's default image.
   *
   * @param reboot boot the nodes after the load ({@code -r} turns it off)
   * @param countBootFailures count nodes that loaded but did not boot as failed ({@code -w}); otherwise only
   *     failed loads count
   */
  public Operation osLoad(String user, List<String> nodes, String imageProject, String imageName, Long imageId,
      boolean reboot, boolean countBootFailures) {
    return schedule(engine.nodes().osLoad(user, nodes, imageProject, imageName, imageId), OsLoadJob.class, reboot,
        countBootFailures);
  }

  /**
   * The checks {@code create_image} makes of the node and the user, without a descriptor: the
   * node exists, is not remote, is reserved to an experiment of a project {@code user} acts in,
   * and {@code user} acts in {@code pid}. {@code image create --snapshot-node} makes them before
   * it creates the descriptor, so that a refused capture creates nothing.
   *
   * @throws LifecycleException naming what is wrong
   */
  public void checkCaptureSource(String user, String pid, String node) {
    engine.nodes().checkCaptureSource(user, pid, node);
  }

  /** Starts {@code create_image}: captures {@code node}'s disk into the file of descriptor {@code pid/imageName}. */
  public Operation createImage(String user, String pid, String imageName, String node) {
    return schedule(engine.nodes().createImage(user, pid, imageName, node), CreateImageJob.class, true, true);
  }

  /** Starts {@code node_reboot}: power-cycles the nodes and waits for their OS. */
  public Operation reboot(String user, List<String> nodes) {
    return schedule(engine.nodes().reboot(user, nodes), RebootJob.class, true, true);
  }

  /**
   * The serial console log of {@code node}, if {@code user} may read it: a testbed admin, or a
   * member of the project whose experiment holds the node. A free node's console is the
   * testbed's, not a user's.
   *
   * @throws LifecycleException for an unknown node or user, or a user who does not hold the node
   */
  public ConsoleLog console(String user, String node) {
    requireConsole(user, node, "read");
    return consoleLog(node);
  }

  /**
   * Types {@code text} and a newline on the serial console of {@code node}, if {@code user} may
   * use it (as for {@link #console}); what the node answers shows in its console log.
   *
   * @return the console log's length just before the line was typed, where the answer starts
   * @throws LifecycleException for an unknown node or user, a user who does not hold the node
   *     ({@code FORBIDDEN}), or a console that takes no input or a node that is off ({@code CONFLICT})
   */
  public long typeOnConsole(String user, String node, String text) throws InterruptedException {
    requireConsole(user, node, "type on");
    long before = consoleLog(node).read(Long.MAX_VALUE).nextOffset();
    try {
      engine.driver().send(node, text);
    } catch (UnsupportedOperationException | IllegalStateException e) {
      throw new LifecycleException(e.getMessage());
    }
    return before;
  }

  private ConsoleLog consoleLog(String node) {
    return new ConsoleLog(engine.settings().home().resolve("consoles"), node);
  }

  private void requireConsole(String user, String node, String what) {
    engine.nodes().checkConsoleUser(user, node, what);
  }

  /** Persists the job of an operation stored in a transaction that committed. */
  private Operation schedule(NodeStore.Request request, Class<? extends org.quartz.Job> job, boolean reboot,
      boolean countBoot) {
    JobDataMap data = new JobDataMap();
    data.put(LOADS, encode(request.loads()));
    data.put(REBOOT, Boolean.toString(reboot));
    data.put(COUNT_BOOT, Boolean.toString(countBoot));
    engine.schedule(request.op(), job, data);
    return request.op();
  }

  static String encode(Map<String, String> loads) {
    List<String> parts = new ArrayList<>();
    loads.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(";", parts);
  }

  static Map<String, String> decode(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : text.split(";")) {
      int eq = part.indexOf('=');
      out.put(part.substring(0, eq), part.substring(eq + 1));
    }
    return out;
  }
}
