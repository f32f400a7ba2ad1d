package org.nsbed.provisioner.experiment.lifecycle;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.catalog.ImageId;
import org.nsbed.provisioner.catalog.ImagePaths;
import org.nsbed.provisioner.catalog.ImageResolver;
import org.nsbed.provisioner.catalog.Node;
import org.nsbed.provisioner.catalog.NodeNames;
import org.nsbed.provisioner.catalog.NodeType;
import org.nsbed.provisioner.catalog.OsFamilies;
import org.nsbed.provisioner.catalog.Osid;
import org.nsbed.provisioner.catalog.OsidResolutionException;
import org.nsbed.provisioner.catalog.User;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.ExperimentRepository;
import org.nsbed.provisioner.persistence.Database;

/**
 * Reserved nodes as the node-level commands change them ({@code os_load}, {@code create_image},
 * {@code node_reboot}) and the reload of freed nodes: each method is one transaction and returns
 * plain values. Requests are checked as the reference checks them (the node exists, is reserved
 * to an experiment of a project the user acts in, the image exists and runs on the node's
 * type...); refusals are {@link LifecycleException}s.
 */
public final class NodeStore {
  private final Database db;
  private final Path home;
  private final OutboxMessages outbox;

  public NodeStore(Database db, Path home, OutboxMessages outbox) {
    this.db = db;
    this.home = home;
    this.outbox = outbox;
  }

  /** A stored node operation and what it does to each node (node → Image ID, or empty). */
  public record Request(Operation op, Map<String, String> loads) {}

  /** The physical nodes of experiment {@code pid/eid}, for {@code user}. */
  public List<String> nodesOf(String pid, String eid, String user) {
    return db.inTransaction(s -> {
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

  /** The experiments (by id) holding any of {@code nodes}, each once; unknown and unreserved nodes add none. */
  public List<Long> experimentsHolding(List<String> nodes) {
    return db.read(s -> {
      CatalogRepository catalog = new CatalogRepository(s);
      return nodes.stream().map(n -> catalog.node(n).map(Node::experiment).orElse(null))
          .filter(e -> e != null).map(Experiment::id).distinct().toList();
    });
  }

  /** The project of the experiment holding {@code node}; empty for an unknown or unreserved node. */
  public Optional<String> projectHolding(String node) {
    return db.read(s -> new CatalogRepository(s).node(node).map(Node::experiment).map(e -> e.project().pid()));
  }

  /**
   * Stores an {@code os_load}: each node gets the image named {@code imageName} (looked up in
   * {@code imageProject}, then the node's experiment's project, then {@code emulab-ops}), or the
   * image with internal id {@code imageId}, or when both are null the node type's default image.
   */
  public Request osLoad(String user, List<String> nodes, String imageProject, String imageName, Long imageId) {
    return db.inTransaction(s -> {
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
            image = new ImageResolver(catalog, home).resolve(pid, null, node.type().name()).image();
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
      return new Request(o, loads);
    });
  }

  /**
   * The checks {@code create_image} makes of the node and the user: the node exists, is not
   * remote, is reserved to an experiment of a project {@code user} acts in, and {@code user} acts
   * in {@code pid}.
   *
   * @throws LifecycleException naming what is wrong
   */
  public void checkCaptureSource(String user, String pid, String node) {
    db.run(s -> captureSource(new CatalogRepository(s), user, pid, node));
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

  /** Stores a {@code create_image} of {@code node}'s disk into the file of descriptor {@code pid/imageName}. */
  public Request createImage(String user, String pid, String imageName, String node) {
    return db.inTransaction(s -> {
      CatalogRepository catalog = new CatalogRepository(s);
      User u = captureSource(catalog, user, pid, node);
      ImageId image = catalog.image(pid, imageName).orElseThrow(() -> new LifecycleException(
          "No such image descriptor " + imageName + " in project " + pid + "! Create it first: nsbed image create -p "
              + pid + " --name " + imageName + " ..."));
      if (image.global() && !u.admin()) {
        throw new LifecycleException("image " + image.qualifiedName() + " is global; only testbed admins may replace it");
      }
      try {
        ImagePaths.localFile(home, pid, image.path());
      } catch (IllegalArgumentException e) {
        throw new LifecycleException("image " + image.qualifiedName() + ": " + e.getMessage());
      }
      Operation o = new Operation(Operation.Kind.CREATEIMAGE, null, user);
      s.persist(o);
      return new Request(o, Map.of(node, image.qualifiedName()));
    });
  }

  /** Stores a {@code node_reboot} of the nodes. */
  public Request reboot(String user, List<String> nodes) {
    return db.inTransaction(s -> {
      CatalogRepository catalog = new CatalogRepository(s);
      Map<String, String> targets = new LinkedHashMap<>();
      for (String name : nodes) {
        reservedNode(catalog, name, user);
        targets.put(name, "");
      }
      Operation o = new Operation(Operation.Kind.REBOOT, null, user);
      s.persist(o);
      return new Request(o, targets);
    });
  }

  /**
   * Checks that {@code user} may use the console of {@code node}: a testbed admin, or a member of
   * the project whose experiment holds the node.
   *
   * @param what what the user does with it, for the refusal ("read", "type on")
   * @throws LifecycleException for an unknown node or user, or a user who does not hold the node
   */
  public void checkConsoleUser(String user, String node, String what) {
    db.run(s -> {
      CatalogRepository catalog = new CatalogRepository(s);
      Node n = catalog.node(node).orElseThrow(() -> LifecycleException.notFound("No such node " + node + "!"));
      User u = catalog.user(user).orElseThrow(() -> ProjectAccess.unknownUser(user));
      if (!u.admin() && (n.experiment() == null || !u.mayActIn(n.experiment().project().pid()))) {
        throw LifecycleException.forbidden("user " + user + " may not " + what + " the console of " + node
            + ": only the project holding the node and testbed admins may");
      }
    });
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

  /** What a node's row said before a run assigned it a new image. */
  public record RowBefore(String osid, String image, NodeStatus status, String reason) {}

  /**
   * What a run does to one node.
   *
   * @param row the experiment node row it updates; null for a node of no experiment
   * @param image the Image ID it loads; null for a plain reboot
   * @param file that image's file
   * @param sha256 that image's hash, if known
   * @param before what the row said before the run assigned it the image; null if nothing was assigned
   */
  public record NodePlan(String node, String nodeType, ExperimentNode.Key row, String image, Path file, String osid,
      int biosWaitSeconds, int rebootWaitSeconds, String sha256, RowBefore before) {}

  /**
   * Plans the loads ({@code node → pid/image}, or an empty image for a plain reboot): each row
   * is assigned the OS and image it is about to get.
   */
  public List<NodePlan> planRun(Map<String, String> loads) {
    return db.inTransaction(s -> {
      List<NodePlan> plans = new ArrayList<>();
      CatalogRepository catalog = new CatalogRepository(s);
      // One query puts every node in the session, so the loop's finds cost no query each, and an
      // image is looked up once: each query would first flush every row changed so far.
      catalog.nodes();
      Map<String, ImageId> images = new HashMap<>();
      for (Map.Entry<String, String> e : loads.entrySet()) {
        Node node = catalog.node(e.getKey()).orElseThrow();
        ExperimentNode row = null;
        ExperimentNode.Key key = null;
        if (node.experiment() != null) {
          key = new ExperimentNode.Key(node.experiment().id(), node.vname());
          row = s.find(ExperimentNode.class, key);
        }
        if (e.getValue().isEmpty()) {
          String osid = row != null ? row.osid() : null;
          int rebootWait = Optional.ofNullable(osid).flatMap(o -> osidOf(catalog, o)).map(Osid::rebootWaitSeconds)
              .orElse(OsFamilies.UNKNOWN_REBOOT_WAIT_SECONDS);
          plans.add(new NodePlan(node.name(), node.type().name(), key, null, null, osid, node.type().biosWaitSeconds(),
              rebootWait, null, null));
          continue;
        }
        ImageId image = images.computeIfAbsent(e.getValue(), qualified -> {
          String[] pn = qualified.split("/", 2);
          return catalog.image(pn[0], pn[1]).orElseThrow();
        });
        Osid os = image.defaultOs() != null ? image.defaultOs() : image.partitions().values().iterator().next();
        RowBefore before = null;
        if (row != null) {
          before = new RowBefore(row.osid(), row.image(), row.status(), row.reason());
          row.assign(node.name(), node.type().name(), os.qualifiedName(), image.qualifiedName());
        }
        plans.add(new NodePlan(node.name(), node.type().name(), key, image.qualifiedName(),
            ImagePaths.localFile(home, image.project().pid(), image.path()), os.qualifiedName(),
            node.type().biosWaitSeconds(), os.rebootWaitSeconds(), image.sha256(), before));
      }
      return plans;
    });
  }

  private static Optional<Osid> osidOf(CatalogRepository catalog, String qualified) {
    String[] pn = qualified.split("/", 2);
    return pn.length == 2 ? catalog.osid(pn[0], pn[1]) : Optional.empty();
  }

  /** Puts back what the plans' rows said before the run (nothing was loaded). */
  public void restore(List<NodePlan> plans) {
    db.run(s -> {
      for (NodePlan p : plans) {
        ExperimentNode row = p.row() == null ? null : s.find(ExperimentNode.class, p.row());
        RowBefore b = p.before();
        if (row != null && b != null) {
          row.restore(b.osid(), b.image(), b.status(), b.reason());
        }
      }
    });
  }

  /**
   * How a run ended on one node.
   *
   * @param loadFailed the disk load failed part way
   */
  public record RunResult(String node, boolean loadFailed, Long loadMs, Long bootMs) {}

  /**
   * Records a run's outcomes: what each disk holds now, the rows' timings, and for a failed load
   * the row's previous OS and image (the failure and its reason stay visible).
   *
   * @param booted whether the run booted the nodes after their load
   */
  public void recordRun(List<NodePlan> plans, List<RunResult> results, boolean booted) {
    Map<String, NodePlan> planOf = new HashMap<>();
    plans.forEach(p -> planOf.put(p.node(), p));
    db.run(s -> {
      CatalogRepository catalog = new CatalogRepository(s);
      for (RunResult o : results) {
        Node node = catalog.node(o.node()).orElseThrow();
        NodePlan plan = planOf.get(o.node());
        String loaded = plan == null ? null : plan.image();
        if (loaded == null) {
          if (booted) {
            node.diskWritten();
          }
        } else if (o.loadFailed()) {
          node.diskUnknown();
        } else {
          node.diskLoaded(loaded, plan.sha256(), !booted);
        }
        ExperimentNode row = plan == null || plan.row() == null ? null : s.find(ExperimentNode.class, plan.row());
        if (row != null) {
          row.timings(o.loadMs(), o.bootMs());
          RowBefore b = plan.before();
          if (b != null && o.loadFailed()) {
            row.restore(b.osid(), b.image(), row.status(), row.reason());
          }
        }
      }
    });
  }

  /**
   * Ends a node operation: the outcome, a line in the log of each experiment holding one of the
   * nodes, and the message {@code compose} writes from the nodes' rows, sent once this commits.
   */
  public void finish(String operationId, String logLine, boolean ok, int failed, String message, List<String> nodes,
      BiFunction<Operation, List<ExperimentNode>, OutboxMessage> compose) {
    db.run(s -> {
      Operation op = s.find(Operation.class, operationId);
      op.finish(ok, failed, message);
      CatalogRepository catalog = new CatalogRepository(s);
      ExperimentLifecycle lifecycle = new ExperimentLifecycle(s);
      List<ExperimentNode> rows = new ArrayList<>();
      Set<Experiment> experiments = new LinkedHashSet<>();
      for (String name : nodes) {
        Node node = catalog.node(name).orElse(null);
        if (node != null && node.experiment() != null) {
          Experiment e = node.experiment();
          experiments.add(e);
          ExperimentNode row = s.find(ExperimentNode.class, new ExperimentNode.Key(e.id(), node.vname()));
          if (row != null) {
            rows.add(row);
          }
        }
      }
      experiments.forEach(e -> lifecycle.log(e, logLine));
      outbox.queue(s, compose.apply(op, rows), line -> experiments.forEach(e -> lifecycle.log(e, line)));
    });
  }

  /** How a reload ended on one node: up, or why not. */
  public record Reloaded(String node, boolean up, String reason) {}

  /**
   * Ends a reload: nodes of the holding experiment that came up are freed, their disks holding
   * the image they were reloaded with unchanged; the others go down with their reason. Returns
   * the freed nodes.
   *
   * @param loads node → the Image ID it was reloaded with
   */
  public List<String> finishReload(String operationId, Map<String, String> loads, List<Reloaded> outcomes) {
    return db.inTransaction(s -> {
      CatalogRepository catalog = new CatalogRepository(s);
      // Every node in the session with one query, each image looked up once (a query in the loop
      // would first flush every node changed so far).
      catalog.nodes();
      Map<String, Optional<ImageId>> images = new HashMap<>();
      List<String> freed = new ArrayList<>();
      List<String> down = new ArrayList<>();
      for (Reloaded o : outcomes) {
        Node node = catalog.node(o.node()).orElseThrow();
        Experiment holder = node.experiment();
        if (holder == null || !holder.eid().equals(ExperimentStore.HOLDING)) {
          continue;
        }
        if (o.up()) {
          node.release();
          // The reload's boot only checks that the default image comes up; no user ran on it, so
          // the disk counts as holding that image unchanged, and the next swap-in that wants it
          // on this node boots it without loading it again.
          String[] pn = loads.getOrDefault(o.node(), "").split("/", 2);
          if (pn.length == 2) {
            images.computeIfAbsent(pn[0] + "/" + pn[1], k -> catalog.image(pn[0], pn[1]))
                .ifPresent(i -> node.diskLoaded(i.qualifiedName(), i.sha256(), true));
          }
          freed.add(o.node());
        } else {
          node.setDown("reload failed: " + o.reason());
          down.add(o.node() + " (" + o.reason() + ")");
          new ExperimentLifecycle(s).log(holder, "node " + o.node() + " is down: reload failed: " + o.reason());
        }
      }
      String message = "reloaded and freed " + (freed.isEmpty() ? "no node" : NodeNames.summary(freed))
          + (down.isEmpty() ? "" : "; down: " + NodeNames.firstOf(down, "; "));
      s.find(Operation.class, operationId).finish(down.isEmpty(), down.size(), message);
      return freed;
    });
  }

  /** The file and partition a {@code create_image} captures into; marks the operation running. */
  public record CaptureTarget(Path file, int partition) {}

  /** Marks a {@code create_image} running and returns where descriptor {@code pid/name} keeps its file. */
  public CaptureTarget startCapture(String operationId, String pid, String name) {
    return db.inTransaction(s -> {
      s.find(Operation.class, operationId).start();
      ImageId image = new CatalogRepository(s).image(pid, name).orElseThrow();
      return new CaptureTarget(ImagePaths.localFile(home, pid, image.path()), image.loadPartition());
    });
  }

  /** Records the new file of descriptor {@code pid/name}: its size and hash. */
  public void imageCaptured(String pid, String name, long size, String sha256) {
    db.run(s -> {
      ImageId image = new CatalogRepository(s).image(pid, name).orElseThrow();
      image.setFile(size, sha256);
      image.touch();
    });
  }

  /** Writes the progress of many nodes in one transaction: one JDBC batch, not a query and an update per row. */
  public void progress(Map<ExperimentNode.Key, ExperimentNodeWrites.Progress> rows) {
    db.run(s -> new ExperimentNodeWrites(s).progress(rows, Instant.now()));
  }
}
