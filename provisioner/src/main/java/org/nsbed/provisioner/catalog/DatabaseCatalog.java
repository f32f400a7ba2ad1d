package org.nsbed.provisioner.catalog;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nsbed.interpreter.catalog.NsCatalog;
import org.nsbed.provisioner.persistence.Database;

/**
 * The database's catalogue seen from one project, as the NS interpreter needs it. It is a snapshot
 * taken in one read transaction when created, so evaluating an NS file holds no database session.
 * Semantics are those of the testbed file's catalogue: {@code NAME} visible for shared OSIDs and
 * the project's own, {@code pid/NAME} too; a node class is a hardware type whose default OS is the
 * one most of its types have.
 */
public final class DatabaseCatalog implements NsCatalog {

  private final String project;
  private final Set<String> visible;
  private final Map<String, Set<String>> parents;
  private final Map<String, HardwareType> hardware;
  private final Map<String, Boolean> permitted;
  private final Map<String, String> nodeTypes;

  private DatabaseCatalog(String project, Set<String> visible, Map<String, Set<String>> parents,
      Map<String, HardwareType> hardware, Map<String, Boolean> permitted, Map<String, String> nodeTypes) {
    this.project = project;
    this.visible = visible;
    this.parents = parents;
    this.hardware = hardware;
    this.permitted = permitted;
    this.nodeTypes = nodeTypes;
  }

  /** Reads the catalogue of {@code db} as {@code project} sees it. */
  public static DatabaseCatalog load(Database db, String project) {
    return db.inTransaction(session -> {
      CatalogRepository repo = new CatalogRepository(session);
      Set<String> visible = new LinkedHashSet<>();
      Map<String, Set<String>> parents = new HashMap<>();
      List<Osid> osids = repo.osidsVisibleTo(project);
      // Own OSIDs shadow shared ones of the same name, as in the reference's lookup order.
      Map<String, Osid> byName = new HashMap<>();
      for (Osid o : osids) {
        visible.add(o.qualifiedName());
        visible.add(o.name());
        byName.merge(o.name(), o, (a, b) -> a.project().pid().equals(project) ? a : b);
      }
      for (Osid o : osids) {
        if (!o.parents().isEmpty()) {
          Set<String> names = new LinkedHashSet<>();
          o.parents().forEach(p -> {
            names.add(p.name());
            names.add(p.qualifiedName());
          });
          parents.put(o.qualifiedName(), Collections.unmodifiableSet(names));
          if (byName.get(o.name()) == o) {
            parents.put(o.name(), Collections.unmodifiableSet(names));
          }
        }
      }
      Map<String, HardwareType> hardware = new HashMap<>();
      Map<String, Boolean> permitted = new HashMap<>();
      Map<String, List<NodeType>> classes = new HashMap<>();
      for (NodeType t : repo.nodeTypes()) {
        hardware.put(t.name(), new HardwareType(t.name(), t.nodeClass(), defaultOs(t), t.remote(), t.virtual(),
            t.subnode()));
        permitted.put(t.name(), t.permits(project));
        classes.computeIfAbsent(t.nodeClass(), k -> new java.util.ArrayList<>()).add(t);
      }
      classes.forEach((cls, members) -> {
        if (!hardware.containsKey(cls)) {
          Map<String, Long> votes = new java.util.LinkedHashMap<>();
          members.forEach(t -> votes.merge(defaultOs(t), 1L, Long::sum));
          String os = votes.entrySet().stream().reduce((a, b) -> b.getValue() > a.getValue() ? b : a)
              .map(Map.Entry::getKey).orElse("");
          hardware.put(cls, new HardwareType(cls, cls, os, members.stream().allMatch(NodeType::remote),
              members.stream().allMatch(NodeType::virtual), members.stream().allMatch(NodeType::subnode)));
          permitted.put(cls, members.stream().anyMatch(t -> t.permits(project)));
        }
      });
      Map<String, String> nodes = new HashMap<>();
      repo.nodes().forEach(n -> nodes.put(n.name(), n.type().name()));
      return new DatabaseCatalog(project, Collections.unmodifiableSet(visible), parents, hardware, permitted, nodes);
    });
  }

  private static String defaultOs(NodeType t) {
    return t.defaultOs() == null ? "" : t.defaultOs().name();
  }

  /** The project this catalogue is seen from. */
  public String project() {
    return project;
  }

  @Override
  public boolean osidVisible(String osName) {
    return osName != null && visible.contains(osName);
  }

  @Override
  public Set<String> parentOsids(String osName) {
    return parents.getOrDefault(osName, Set.of());
  }

  @Override
  public Optional<HardwareType> hardwareType(String typeOrClass) {
    return Optional.ofNullable(hardware.get(typeOrClass));
  }

  @Override
  public boolean typePermitted(String type) {
    return permitted.getOrDefault(type, true);
  }

  @Override
  public Optional<String> physicalNodeType(String nodeName) {
    return Optional.ofNullable(nodeTypes.get(nodeName));
  }
}
