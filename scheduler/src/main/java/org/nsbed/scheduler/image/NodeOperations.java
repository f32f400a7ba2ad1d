package org.nsbed.scheduler.image;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.catalog.ImageId;
import org.nsbed.provisioner.catalog.ImagePaths;
import org.nsbed.provisioner.catalog.ImageResolver;
import org.nsbed.provisioner.catalog.Node;
import org.nsbed.provisioner.catalog.NodeType;
import org.nsbed.provisioner.catalog.OsidResolutionException;
import org.nsbed.provisioner.catalog.User;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.ExperimentRepository;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.experiment.lifecycle.ProjectAccess;
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
    return engine.db().inTransaction(s -> {
      ProjectAccess.actingUser(new CatalogRepository(s), user, pid);
      Experiment e = new ExperimentRepository(s).find(pid, eid)
          .orElseThrow(() -> LifecycleException.notFound("no experiment " + pid + "/" + eid));
      List<String> names = new ExperimentRepository(s).nodesOf(e).stream().map(Node::name).toList();
      if (names.isEmpty()) {
        throw new LifecycleException("experiment " + pid + "/" + eid + " holds no nodes (it is " + e.state().label()
            + ")");
      }
      return names;
    });
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
    Operation op = engine.db().inTransaction(s -> {
      CatalogRepository catalog = new CatalogRepository(s);
      Map<String, String> loads = new LinkedHashMap<>();
      for (String name : nodes) {
        Node node = reservedNode(catalog, name, user);
        String pid = node.experiment().project().pid();
        ImageId image;
        if (imageId != null) {
          image = Optional.ofNullable(s.find(ImageId.class, imageId))
              .orElseThrow(() -> LifecycleException.notFound("No such image id " + imageId + "!"));
        } else if (imageName != null) {
          image = findImage(catalog, imageName, imageProject, pid);
        } else {
          try {
            image = new ImageResolver(catalog, engine.settings().home()).resolve(pid, null, node.type().name()).image();
          } catch (OsidResolutionException e) {
            throw new LifecycleException("node " + name + ": " + e.getMessage());
          }
        }
        if (!image.usableBy(pid)) {
          throw new LifecycleException("image " + image.qualifiedName() + " is not global and belongs to another "
              + "project; project " + pid + " cannot load it");
        }
        if (image.nodeTypes().stream().noneMatch(t -> t.name().equals(node.type().name()))) {
          throw new LifecycleException("image " + image.qualifiedName() + " does not run on node type "
              + node.type().name() + " of " + name + " (it runs on: " + String.join(", ",
                  image.nodeTypes().stream().map(NodeType::name).sorted().toList()) + ")");
        }
        loads.put(name, image.qualifiedName());
      }
      Operation o = new Operation(Operation.Kind.OSLOAD, null, user);
      s.persist(o);
      return new Pending(o, loads);
    }).schedule(this, OsLoadJob.class, reboot, countBootFailures);
    return op;
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
    engine.db().run(s -> captureSource(new CatalogRepository(s), user, pid, node));
  }

  private static User captureSource(CatalogRepository catalog, String user, String pid, String node) {
    Node n = catalog.node(node).orElseThrow(() -> LifecycleException.notFound("No such node " + node + "!"));
    if (n.remote()) {
      throw new LifecycleException("will not create an image from " + node + ": it is a remote node (type "
          + n.type().name() + "), far from the image server; never image from nodes whose name begins with b. "
          + "Load your image on a local node and create it there");
    }
    reservedNode(catalog, node, user);
    return ProjectAccess.actingUser(catalog, user, pid);
  }

  /** Starts {@code create_image}: captures {@code node}'s disk into the file of descriptor {@code pid/imageName}. */
  public Operation createImage(String user, String pid, String imageName, String node) {
    Operation op = engine.db().inTransaction(s -> {
      CatalogRepository catalog = new CatalogRepository(s);
      User u = captureSource(catalog, user, pid, node);
      ImageId image = catalog.image(pid, imageName).orElseThrow(() -> new LifecycleException(
          "No such image descriptor " + imageName + " in project " + pid + "! Create it first: nsbed image create -p "
              + pid + " --name " + imageName + " ..."));
      if (image.global() && !u.admin()) {
        throw new LifecycleException("image " + image.qualifiedName() + " is global; only testbed admins may replace it");
      }
      try {
        ImagePaths.localFile(engine.settings().home(), pid, image.path());
      } catch (IllegalArgumentException e) {
        throw new LifecycleException("image " + image.qualifiedName() + ": " + e.getMessage());
      }
      Operation o = new Operation(Operation.Kind.CREATEIMAGE, null, user);
      s.persist(o);
      return new Pending(o, Map.of(node, image.qualifiedName()));
    }).schedule(this, CreateImageJob.class, true, true);
    return op;
  }

  /** Starts {@code node_reboot}: power-cycles the nodes and waits for their OS. */
  public Operation reboot(String user, List<String> nodes) {
    return engine.db().inTransaction(s -> {
      CatalogRepository catalog = new CatalogRepository(s);
      Map<String, String> targets = new LinkedHashMap<>();
      for (String name : nodes) {
        reservedNode(catalog, name, user);
        targets.put(name, "");
      }
      Operation o = new Operation(Operation.Kind.REBOOT, null, user);
      s.persist(o);
      return new Pending(o, targets);
    }).schedule(this, RebootJob.class, true, true);
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
    return new ConsoleLog(engine.settings().home().resolve("consoles"), node);
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
    long before = new ConsoleLog(engine.settings().home().resolve("consoles"), node).read(Long.MAX_VALUE)
        .nextOffset();
    try {
      engine.driver().send(node, text);
    } catch (UnsupportedOperationException | IllegalStateException e) {
      throw new LifecycleException(e.getMessage());
    }
    return before;
  }

  private void requireConsole(String user, String node, String what) {
    engine.db().run(s -> {
      CatalogRepository catalog = new CatalogRepository(s);
      Node n = catalog.node(node).orElseThrow(() -> LifecycleException.notFound("No such node " + node + "!"));
      User u = catalog.user(user).orElseThrow(() -> ProjectAccess.unknownUser(user));
      if (!u.admin() && (n.experiment() == null || !u.mayActIn(n.experiment().project().pid()))) {
        throw LifecycleException.forbidden("user " + user + " may not " + what + " the console of " + node
            + ": only the project holding the node and testbed admins may");
      }
    });
  }

  /** An operation stored in a transaction, whose job is persisted once that transaction committed. */
  private record Pending(Operation op, Map<String, String> loads) {
    Operation schedule(NodeOperations ops, Class<? extends org.quartz.Job> job, boolean reboot, boolean countBoot) {
      JobDataMap data = new JobDataMap();
      data.put(LOADS, encode(loads));
      data.put(REBOOT, Boolean.toString(reboot));
      data.put(COUNT_BOOT, Boolean.toString(countBoot));
      ops.engine.schedule(op, job, data, Instant.now());
      return op;
    }
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

  private static ImageId findImage(CatalogRepository catalog, String name, String imageProject, String nodeProject) {
    int slash = name.indexOf('/');
    if (slash >= 0) {
      return catalog.image(name.substring(0, slash), name.substring(slash + 1))
          .orElseThrow(() -> LifecycleException.notFound("No such image " + name + "!"));
    }
    List<String> where = new ArrayList<>();
    if (imageProject != null) {
      where.add(imageProject);
    }
    where.add(nodeProject);
    where.add("emulab-ops");
    for (String pid : where) {
      Optional<ImageId> found = catalog.image(pid, name);
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw LifecycleException.notFound("No such image " + name + "! (looked in " + String.join(", ", where.stream()
        .distinct().toList()) + "; `nsbed image list` shows the images you can load)");
  }

  private static Node reservedNode(CatalogRepository catalog, String name, String user) {
    Node node = catalog.node(name).orElseThrow(() -> LifecycleException.notFound("No such node " + name + "!"));
    if (node.experiment() == null) {
      throw new LifecycleException("Node " + name + " is not reserved; reserve it first!");
    }
    ProjectAccess.actingUser(catalog, user, node.experiment().project().pid());
    return node;
  }
}
