package org.nsbed.provisioner.catalog;

import java.util.List;
import java.util.Optional;
import org.hibernate.Session;
import org.nsbed.provisioner.experiment.Experiment;

/**
 * Queries and saves of the catalogue's entities within one session (and so one transaction, see
 * {@link org.nsbed.provisioner.persistence.Database#inTransaction}).
 */
public final class CatalogRepository {

  private final Session session;

  public CatalogRepository(Session session) {
    this.session = session;
  }

  public Session session() {
    return session;
  }

  /** Makes a new entity persistent. */
  public <T> T add(T entity) {
    session.persist(entity);
    return entity;
  }

  public Optional<Project> project(String pid) {
    return Optional.ofNullable(session.find(Project.class, pid));
  }

  public List<Project> projects() {
    return session.createSelectionQuery("from Project order by pid", Project.class).getResultList();
  }

  public Optional<User> user(String name) {
    return Optional.ofNullable(session.find(User.class, name));
  }

  public List<User> users() {
    return session.createSelectionQuery("from User order by name", User.class).getResultList();
  }

  public Optional<NodeType> nodeType(String name) {
    return Optional.ofNullable(session.find(NodeType.class, name));
  }

  public List<NodeType> nodeTypes() {
    return session.createSelectionQuery("from NodeType order by name", NodeType.class).getResultList();
  }

  public Optional<Node> node(String name) {
    return Optional.ofNullable(session.find(Node.class, name));
  }

  /** All nodes, ordered by name with numbers in numeric order ({@code pc2} before {@code pc10}). */
  public List<Node> nodes() {
    // Two queries, whatever the node count: first the experiments holding nodes, each once with
    // its project and creator, then the nodes with their types, whose experiments are then found
    // in the session. Fetched by a join, an experiment would come back with every node row it
    // holds, and its NS file and IR with it (over a megabyte for 1000 nodes: a gigabyte read).
    session.createSelectionQuery("from Experiment e join fetch e.project join fetch e.creator "
        + "where e.id in (select n.experiment.id from Node n)", Experiment.class).getResultList();
    List<Node> all = session.createSelectionQuery("from Node n join fetch n.type", Node.class).getResultList();
    return all.stream().sorted((a, b) -> NodeNames.compare(a.name(), b.name())).toList();
  }

  /** Nodes that are free, by name. */
  public List<Node> freeNodes() {
    return nodes().stream().filter(n -> n.state() == Allocation.FREE).toList();
  }

  public Optional<Osid> osid(String pid, String name) {
    return session.createSelectionQuery("from Osid where project.pid = :pid and name = :name", Osid.class)
        .setParameter("pid", pid)
        .setParameter("name", name)
        .uniqueResultOptional();
  }

  public List<Osid> osids() {
    return session.createSelectionQuery("from Osid order by project.pid, name", Osid.class).getResultList();
  }

  /** OSIDs that {@code pid} may use: shared ones and the project's own. */
  public List<Osid> osidsVisibleTo(String pid) {
    return session.createSelectionQuery(
            "from Osid where shared = true or project.pid = :pid order by project.pid, name", Osid.class)
        .setParameter("pid", pid)
        .getResultList();
  }

  /** OSIDs that run on {@code parent} (sub-OSes such as jails). */
  public List<Osid> subOsids(Osid parent) {
    return session.createSelectionQuery("select o from Osid o join o.parents p where p = :parent", Osid.class)
        .setParameter("parent", parent)
        .getResultList();
  }

  public Optional<ImageId> image(String pid, String name) {
    return session.createSelectionQuery("from ImageId where project.pid = :pid and name = :name", ImageId.class)
        .setParameter("pid", pid)
        .setParameter("name", name)
        .uniqueResultOptional();
  }

  public List<ImageId> images() {
    return session.createSelectionQuery("from ImageId order by project.pid, name", ImageId.class).getResultList();
  }

  /** Images that {@code pid} may use: global ones and the project's own. */
  public List<ImageId> imagesVisibleTo(String pid) {
    return session.createSelectionQuery(
            "from ImageId where global = true or project.pid = :pid order by project.pid, name", ImageId.class)
        .setParameter("pid", pid)
        .getResultList();
  }

  /** The image that provides {@code osid} on {@code type}, if any. */
  public Optional<OsidImage> osidImage(Osid osid, NodeType type) {
    return Optional.ofNullable(session.find(OsidImage.class, new OsidImage.Key(osid.id(), type.name())));
  }

  /** Every (node type -> image) row of an OSID. */
  public List<OsidImage> osidImages(Osid osid) {
    return session.createSelectionQuery("from OsidImage where osid = :osid order by nodeType.name", OsidImage.class)
        .setParameter("osid", osid)
        .getResultList();
  }

  /** Every (OSID, node type) row an image provides. */
  public List<OsidImage> providedBy(ImageId image) {
    return session.createSelectionQuery("from OsidImage where image = :image", OsidImage.class)
        .setParameter("image", image)
        .getResultList();
  }

  /** Images whose partitions or default OS name {@code osid}. */
  public List<ImageId> imagesWith(Osid osid) {
    return session.createSelectionQuery(
            "select distinct i from ImageId i left join i.partitions p where p = :osid or i.defaultOs = :osid",
            ImageId.class)
        .setParameter("osid", osid)
        .getResultList();
  }

  /**
   * Rewrites the (OSID, node type) rows of {@code image} from its partitions and node types: each
   * OSID on a partition is provided on each of the image's node types. Rows of other images for
   * the same (OSID, type) are taken over, as the reference's image form does.
   */
  public void refreshProvides(ImageId image) {
    for (OsidImage row : providedBy(image)) {
      session.remove(row);
    }
    session.flush();
    for (Osid osid : image.partitions().values()) {
      for (NodeType type : image.nodeTypes()) {
        Optional<OsidImage> existing = osidImage(osid, type);
        if (existing.isPresent()) {
          existing.get().setImage(image);
        } else {
          session.persist(new OsidImage(osid, type, image));
        }
      }
    }
  }
}
