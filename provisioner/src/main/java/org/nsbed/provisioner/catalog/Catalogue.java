package org.nsbed.provisioner.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsbed.provisioner.persistence.Database;

/**
 * The catalogue as the testbed's users read it: projects, users, node types and nodes, and the
 * whole of it for {@code nsbed testbed show}. Each method is one read-only transaction and
 * returns plain values; what changes the catalogue is the testbed file's import, the image
 * descriptors ({@link ImageDescriptors}) and taking nodes out of service ({@link NodeAvailability}).
 */
public final class Catalogue {

  /** A node type with its nodes counted, as {@code testbed show} lists it. */
  public record NodeTypeSummary(String name, String nodeClass, String defaultOs, int interfaces, int diskGiB,
      int biosWaitSeconds, boolean remote, boolean virtual, boolean subnode, List<String> allowedProjects, long nodes,
      long free) {}

  /**
   * The whole catalogue in one snapshot.
   *
   * @param nodes how many nodes are in each state, by state label, every state listed
   * @param osids and {@code images}: qualified names ({@code pid/name})
   */
  public record Overview(List<String> projects, List<UserListing> users, List<NodeTypeSummary> nodeTypes,
      Map<String, Long> nodes, List<String> osids, List<String> images) {}

  private final Database db;

  public Catalogue(Database db) {
    this.db = db;
  }

  /** Every project's pid, by pid. */
  public List<String> projects() {
    return db.read(s -> new CatalogRepository(s).projects().stream().map(Project::pid).toList());
  }

  /** Every node type's name, by name. */
  public List<String> nodeTypes() {
    return db.read(s -> new CatalogRepository(s).nodeTypes().stream().map(NodeType::name).toList());
  }

  /** Every user, by name. */
  public List<UserListing> users() {
    return db.read(s -> new CatalogRepository(s).users().stream().map(Catalogue::listing).toList());
  }

  /**
   * Every node, ordered by name with numbers in numeric order ({@code pc2} before {@code pc10}):
   * one query of plain columns, since node lists are read on every API call that shows nodes.
   */
  public List<NodeListing> nodes() {
    return db.query(s -> s.createSelectionQuery("select new org.nsbed.provisioner.catalog.NodeListing(n.name, "
            + "t.name, n.state, p.pid, e.eid, n.vname, n.downReason) from Node n join n.type t "
            + "left join n.experiment e left join e.project p", NodeListing.class)
        .getResultList().stream().sorted(Comparator.comparing(NodeListing::name, NodeNames::compare)).toList());
  }

  /** The catalogue as {@code project}'s NS files see it, for the NS interpreter ({@link DatabaseCatalog}). */
  public DatabaseCatalog seenFrom(String project) {
    return DatabaseCatalog.load(db, project);
  }

  /** Projects, users, node types with their node counts, nodes by state, OSIDs and images, in one transaction. */
  public Overview overview() {
    return db.read(s -> {
      CatalogRepository repo = new CatalogRepository(s);
      List<String> projects = repo.projects().stream().map(Project::pid).toList();
      List<UserListing> users = repo.users().stream().map(Catalogue::listing).toList();
      List<Node> nodes = repo.nodes();
      List<NodeTypeSummary> types = new ArrayList<>();
      for (NodeType t : repo.nodeTypes()) {
        types.add(new NodeTypeSummary(t.name(), t.nodeClass(), t.defaultOs() == null ? null : t.defaultOs().name(),
            t.interfaces(), t.diskGiB(), t.biosWaitSeconds(), t.remote(), t.virtual(), t.subnode(),
            t.allowedProjects().stream().map(Project::pid).sorted().toList(),
            nodes.stream().filter(n -> n.type() == t).count(),
            nodes.stream().filter(n -> n.type() == t && n.state() == Allocation.FREE).count()));
      }
      Map<String, Long> states = new LinkedHashMap<>();
      for (Allocation st : Allocation.values()) {
        states.put(st.label(), nodes.stream().filter(n -> n.state() == st).count());
      }
      return new Overview(projects, users, types, states, repo.osids().stream().map(Osid::qualifiedName).toList(),
          repo.images().stream().map(ImageId::qualifiedName).toList());
    });
  }

  private static UserListing listing(User u) {
    Map<String, String> projects = new LinkedHashMap<>();
    u.memberships().forEach(m -> projects.put(m.project().pid(), m.role().label()));
    return new UserListing(u.name(), u.admin(), projects, u.passwordHash() != null);
  }
}
