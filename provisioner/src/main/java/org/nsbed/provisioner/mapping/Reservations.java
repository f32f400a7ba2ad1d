package org.nsbed.provisioner.mapping;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.catalog.ImageResolver;
import org.nsbed.provisioner.catalog.Node;
import org.nsbed.provisioner.catalog.Allocation;
import org.nsbed.provisioner.catalog.NodeType;
import org.nsbed.provisioner.catalog.OsidResolutionException;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.ExperimentRepository;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.FailureAction;
import org.nsbed.provisioner.mapping.PhysicalNodeOffer.Availability;

/**
 * Maps an experiment's virtual nodes onto physical nodes and reserves them, inside the caller's
 * transaction (all or nothing: if the transaction fails, no node changes hands). Nodes the
 * experiment already holds are kept for the same virtual node when they still fit (a swap-in
 * retry keeps its healthy nodes; a resumed swap-in carries its nodes forward); the others are
 * released. Two experiments reserving the same node cannot both commit: the node's version
 * column makes the later commit fail, and the caller maps again.
 */
public final class Reservations {

  /**
   * A virtual node's physical node and what to load on it.
   *
   * @param vname the virtual node
   * @param physical the physical node
   * @param nodeType its type
   * @param image the OSID and image to load, resolved for that type
   * @param failureAction the virtual node's failure action
   * @param biosWaitSeconds the type's BIOS wait
   * @param rebootWaitSeconds the OSID's reboot wait
   * @param newlyReserved the node was not the experiment's before this reservation
   * @param remoteNote null for a local node; for a remote one, why it was taken (the NS file asked
   *     for it, or no local node fits), said in the swap-in's outcome
   */
  public record Assignment(String vname, String physical, String nodeType, ImageResolver.ImageChoice image,
      FailureAction failureAction, int biosWaitSeconds, int rebootWaitSeconds, boolean newlyReserved,
      String remoteNote) {}

  private final Session session;
  private final CatalogRepository catalog;
  private final ExperimentRepository experiments;
  private final ImageResolver resolver;
  private final Mapper mapper = new Mapper();

  public Reservations(Session session, Path home) {
    this.session = session;
    this.catalog = new CatalogRepository(session);
    this.experiments = new ExperimentRepository(session);
    this.resolver = new ImageResolver(catalog, home);
  }

  /**
   * Maps and reserves.
   *
   * @param experiment the experiment, attached to this session
   * @param topology its virtual nodes
   * @param excluded nodes that must not be used (the ones that just failed in this swap-in)
   * @return one assignment per virtual node, in NS-file order
   * @throws MappingFailure if the experiment cannot be mapped now or ever
   */
  public List<Assignment> reserve(Experiment experiment, ExperimentTopology topology, Set<String> excluded)
      throws MappingFailure {
    String pid = experiment.project().pid();
    List<Node> allNodes = catalog.nodes();
    Map<String, Node> held = new HashMap<>();
    for (Node n : allNodes) {
      if (n.experiment() != null && n.experiment().id().equals(experiment.id())) {
        held.put(n.vname(), n);
      }
    }
    Demands d = demands(pid, topology, held, excluded);
    Set<String> vnames = new java.util.HashSet<>();
    topology.nodes().forEach(v -> vnames.add(v.name()));
    List<PhysicalNodeOffer> offers = new ArrayList<>();
    for (Node n : allNodes) {
      Availability a = availability(n, experiment, excluded);
      if (a == Availability.FREE && n.experiment() != null && !vnames.contains(n.vname())) {
        // A node of a virtual node that a modify removes goes to its reload with the default
        // image, as a swapped-out node does, before anyone (this experiment included) gets it.
        a = Availability.BUSY;
      }
      offers.add(new PhysicalNodeOffer(n.name(), n.type().name(), a, n.remote(), n.stateChanged(),
          n.cleanDiskImage()));
    }
    Map<String, String> mapping = mapper.map(d.demands(), offers);
    return apply(experiment, topology, mapping, held, d.choices(), d.askedForRemote());
  }

  /**
   * Checks, before an experiment is stored, that it could be mapped on this testbed when every
   * node is free: its node count, each virtual node's type and OS (an image for it on a fitting
   * type), fixed nodes. Nodes in use or down do not count against it; that is "not now", found
   * at swap-in.
   *
   * @throws MappingFailure of kind {@link MappingFailure.Kind#NEVER} saying why not
   */
  public void checkMappable(String pid, ExperimentTopology topology) throws MappingFailure {
    List<Node> allNodes = catalog.nodes();
    if (topology.nodes().size() > allNodes.size()) {
      throw new MappingFailure(MappingFailure.Kind.NEVER, "this experiment cannot be instantiated on this testbed: "
          + "it has " + topology.nodes().size() + " nodes and the testbed " + allNodes.size());
    }
    Demands d = demands(pid, topology, Map.of(), Set.of());
    List<PhysicalNodeOffer> offers = new ArrayList<>();
    for (Node n : allNodes) {
      offers.add(new PhysicalNodeOffer(n.name(), n.type().name(), Availability.FREE, n.remote(), n.stateChanged()));
    }
    mapper.map(d.demands(), offers);
  }

  /** What the virtual nodes need, with the image each would load on each fitting type. */
  private record Demands(List<VirtualNodeDemand> demands, Map<String, Map<String, ImageResolver.ImageChoice>> choices,
      Set<String> askedForRemote) {}

  private Demands demands(String pid, ExperimentTopology topology, Map<String, Node> held, Set<String> excluded)
      throws MappingFailure {
    List<VirtualNodeDemand> demands = new ArrayList<>();
    Map<String, Map<String, ImageResolver.ImageChoice>> choices = new HashMap<>();
    List<String> neverProblems = new ArrayList<>();
    Set<String> askedForRemote = new java.util.HashSet<>();
    // Experiments of many nodes repeat few (type, OS) pairs: each is resolved once.
    Map<String, Object> resolved = new HashMap<>();
    Map<String, List<NodeType>> typesOf = new HashMap<>();
    for (ExperimentTopology.VirtualNode v : topology.nodes()) {
      Set<String> fitting = new LinkedHashSet<>();
      Map<String, String> rejected = new LinkedHashMap<>();
      Map<String, ImageResolver.ImageChoice> byType = new HashMap<>();
      List<NodeType> candidates = typesOf.computeIfAbsent(v.type(), t -> candidateTypes(t, topology));
      boolean asksForRemote = !candidates.isEmpty() && candidates.stream().allMatch(NodeType::remote);
      if (candidates.isEmpty()) {
        neverProblems.add(v.name() + ": no node type, class or vtype is called " + v.type());
        continue;
      }
      for (NodeType t : candidates) {
        try {
          Object r = resolved.computeIfAbsent(v.os() + "\u0000" + t.name(), k -> {
            try {
              return resolver.resolve(pid, v.os(), t.name());
            } catch (OsidResolutionException e) {
              return e;
            }
          });
          if (r instanceof OsidResolutionException e) {
            throw e;
          }
          byType.put(t.name(), (ImageResolver.ImageChoice) r);
          fitting.add(t.name());
        } catch (OsidResolutionException e) {
          if (e.reason() == OsidResolutionException.Reason.UNKNOWN_OSID
              || e.reason() == OsidResolutionException.Reason.OSID_NOT_VISIBLE) {
            neverProblems.add(v.name() + ": " + e.getMessage());
            break;
          }
          rejected.put(t.name(), e.getMessage());
        }
      }
      choices.put(v.name(), byType);
      String fixed = v.fixed();
      Node current = held.get(v.name());
      if (fixed == null && current != null && !excluded.contains(current.name())
          && fitting.contains(current.type().name())) {
        fixed = current.name();
      }
      Map<String, String> wanted = new HashMap<>();
      byType.forEach((type, choice) -> wanted.put(type, choice.image().qualifiedName() + "@" + choice.image().sha256()));
      demands.add(new VirtualNodeDemand(v.name(), fitting, rejected, fixed, asksForRemote, wanted));
      if (asksForRemote) {
        askedForRemote.add(v.name());
      }
    }
    if (!neverProblems.isEmpty()) {
      throw new MappingFailure(MappingFailure.Kind.NEVER,
          "this experiment cannot be instantiated on this testbed: " + summary(neverProblems));
    }
    return new Demands(demands, choices, askedForRemote);
  }

  /** Problems joined, the first few in full and a count of the rest, so one message stays readable. */
  private static String summary(List<String> problems) {
    int shown = 5;
    return problems.size() <= shown ? String.join("; ", problems)
        : String.join("; ", problems.subList(0, shown)) + "; and " + (problems.size() - shown) + " more like these";
  }

  private List<Assignment> apply(Experiment experiment, ExperimentTopology topology, Map<String, String> mapping,
      Map<String, Node> held, Map<String, Map<String, ImageResolver.ImageChoice>> choices, Set<String> askedForRemote) {
    Set<String> kept = new java.util.HashSet<>();
    for (Map.Entry<String, Node> e : held.entrySet()) {
      if (e.getValue().name().equals(mapping.get(e.getKey()))) {
        kept.add(e.getKey());
      } else {
        e.getValue().release();
      }
    }
    // Releases reach the database before reservations reuse a (node, vname) pair.
    session.flush();
    Map<String, ExperimentNode> rows = new HashMap<>();
    for (ExperimentNode r : experimentNodes(experiment.id())) {
      rows.put(r.vname(), r);
    }
    List<Assignment> result = new ArrayList<>();
    for (ExperimentTopology.VirtualNode v : topology.nodes()) {
      String physical = mapping.get(v.name());
      Node node = catalog.node(physical).orElseThrow();
      boolean fresh = !kept.contains(v.name());
      if (fresh) {
        node.reserve(experiment, v.name());
      }
      ImageResolver.ImageChoice choice = choices.get(v.name()).get(node.type().name());
      FailureAction action = FailureAction.of(v.failureAction());
      ExperimentNode row = rows.remove(v.name());
      if (row == null) {
        // Complete before persist: a row changed after persist costs an update after its
        // insert, and updates of these rows (only the changed columns) are never batched.
        row = new ExperimentNode(experiment.id(), v.name(), action);
        row.assign(physical, node.type().name(), choice.osid().qualifiedName(), choice.image().qualifiedName());
        session.persist(row);
      } else {
        row.setFailureAction(action);
        if (fresh || row.physical() == null) {
          row.assign(physical, node.type().name(), choice.osid().qualifiedName(), choice.image().qualifiedName());
        }
      }
      String remoteNote = null;
      if (node.remote()) {
        remoteNote = v.name() + " is on remote node " + physical + " ("
            + (v.fixed() != null ? "tb-fix-node asks for it"
                : askedForRemote.contains(v.name()) ? "its type " + v.type() + " is remote"
                : kept.contains(v.name()) ? "kept from before" : "no local node fits") + ")";
      }
      result.add(new Assignment(v.name(), physical, node.type().name(), choice, action,
          node.type().biosWaitSeconds(), choice.osid().rebootWaitSeconds(), fresh, remoteNote));
    }
    rows.values().forEach(session::remove);
    return result;
  }

  private static Availability availability(Node n, Experiment experiment, Set<String> excluded) {
    if (excluded.contains(n.name())) {
      return Availability.EXCLUDED;
    }
    if (n.state() == Allocation.DOWN) {
      return Availability.DOWN;
    }
    if (n.state() == Allocation.FREE || n.experiment() != null && n.experiment().id().equals(experiment.id())) {
      return Availability.FREE;
    }
    return Availability.BUSY;
  }

  /** A node type, else the types of a node class, else a vtype's types. */
  private List<NodeType> candidateTypes(String type, ExperimentTopology topology) {
    List<String> names = topology.vtypes().get(type);
    if (names != null) {
      List<NodeType> types = new ArrayList<>();
      names.forEach(n -> types.addAll(candidateTypes(n, new ExperimentTopology(List.of(), Map.of()))));
      return types;
    }
    return catalog.nodeType(type).map(List::of)
        .orElseGet(() -> catalog.nodeTypes().stream().filter(t -> t.nodeClass().equals(type)).toList());
  }

  /** The experiment's per-node rows. */
  public List<ExperimentNode> experimentNodes(Long experimentId) {
    return session.createSelectionQuery("from ExperimentNode where key.experimentId = :id order by key.vname",
        ExperimentNode.class).setParameter("id", experimentId).getResultList();
  }


  /** Releases some of the experiment's nodes (a fatal node replaced, or a swap-out). */
  public void release(Experiment experiment, Collection<String> physicalNodes) {
    for (Node n : experiments.nodesOf(experiment)) {
      if (physicalNodes.contains(n.name())) {
        n.release();
      }
    }
    for (ExperimentNode row : experimentNodes(experiment.id())) {
      if (row.physical() != null && physicalNodes.contains(row.physical())) {
        row.release();
      }
    }
  }

  /** Releases every node the experiment holds. */
  public List<String> releaseAll(Experiment experiment) {
    List<String> names = experiments.nodesOf(experiment).stream().map(Node::name).toList();
    release(experiment, names);
    return names;
  }
}
