package org.nsbed.provisioner.catalog;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.descriptor.ValueBinder;
import org.nsbed.provisioner.experiment.Experiment;

/**
 * Reserves and releases many nodes with a few statements instead of one update per node. Through
 * {@link Node} entities a reservation of a thousand nodes is a thousand updates, each checking the
 * node's version; here one statement per {@value #PER_STATEMENT} nodes changes only the rows
 * still free, and the caller compares the count with the nodes it asked for: a node that another
 * transaction reserved since it was read is not free any more (or is locked until that
 * transaction ends, and then not free), so the count falls short and the caller rolls back. Both
 * statements raise the rows' version, as an entity update would, so a transaction still holding
 * such a node as an entity fails its own update of it.
 *
 * <p>The statements go around the session's persistence context: the {@link Node} entities of
 * the changed rows that the session holds are detached, so that neither their old values nor
 * their old versions are used or written again; a later query in the same session reads the
 * rows as they now are. The session is flushed first, so its own pending changes go before.
 */
public final class NodeWrites {
  /** Nodes per statement: three parameters each stays far below any driver's limit. */
  static final int PER_STATEMENT = 500;

  private final Session session;

  public NodeWrites(Session session) {
    this.session = session;
  }

  /**
   * Gives the nodes to {@code experiment}, each as the virtual node it is mapped to, if they are
   * all still free.
   *
   * @param vnames physical node name → virtual node name
   * @return how many of the nodes were free and are now reserved (fewer than asked: another
   *     transaction took the others; the caller must roll back)
   */
  public int reserve(Experiment experiment, Map<String, String> vnames) {
    if (vnames.isEmpty()) {
      return 0;
    }
    Instant now = Instant.now();
    List<Map.Entry<String, String>> all = new ArrayList<>(vnames.entrySet());
    int[] reserved = {0};
    flushAndDetach(vnames.keySet());
    session.doWork(connection -> {
      for (int from = 0; from < all.size(); from += PER_STATEMENT) {
        List<Map.Entry<String, String>> part = all.subList(from, Math.min(all.size(), from + PER_STATEMENT));
        StringBuilder sql = new StringBuilder(
            "update nodes set state = ?, experiment_id = ?, state_changed = ?, version = version + 1, vname = case name");
        part.forEach(e -> sql.append(" when ? then ?"));
        sql.append(" end where state = ? and name in (").append("?, ".repeat(part.size() - 1)).append("?)");
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
          int i = 1;
          bind(ps, i++, "state", Allocation.RESERVED);
          ps.setLong(i++, experiment.id());
          bind(ps, i++, "stateChanged", now);
          for (Map.Entry<String, String> e : part) {
            ps.setString(i++, e.getKey());
            ps.setString(i++, e.getValue());
          }
          bind(ps, i++, "state", Allocation.FREE);
          for (Map.Entry<String, String> e : part) {
            ps.setString(i++, e.getKey());
          }
          reserved[0] += ps.executeUpdate();
        }
      }
    });
    return reserved[0];
  }

  /**
   * Frees those of {@code nodes} that {@code experiment} holds; a node that is down stays down
   * (as {@link Node#release}).
   */
  public void release(Experiment experiment, Collection<String> nodes) {
    if (nodes.isEmpty()) {
      return;
    }
    Instant now = Instant.now();
    List<String> all = List.copyOf(nodes);
    flushAndDetach(nodes);
    session.doWork(connection -> {
      for (int from = 0; from < all.size(); from += PER_STATEMENT) {
        List<String> part = all.subList(from, Math.min(all.size(), from + PER_STATEMENT));
        String sql = "update nodes set experiment_id = null, vname = null, version = version + 1, "
            + "state_changed = case when state = ? then ? else state_changed end, "
            + "state = case when state = ? then ? else state end "
            + "where experiment_id = ? and name in (" + "?, ".repeat(part.size() - 1) + "?)";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
          int i = 1;
          bind(ps, i++, "state", Allocation.RESERVED);
          bind(ps, i++, "stateChanged", now);
          bind(ps, i++, "state", Allocation.RESERVED);
          bind(ps, i++, "state", Allocation.FREE);
          ps.setLong(i++, experiment.id());
          for (String n : part) {
            ps.setString(i++, n);
          }
          ps.executeUpdate();
        }
      }
    });
  }

  /** Writes the session's pending changes, then lets go of its entities of {@code nodes}. */
  private void flushAndDetach(Collection<String> nodes) {
    session.flush();
    SharedSessionContractImplementor s = session.unwrap(SharedSessionContractImplementor.class);
    EntityPersister persister = s.getFactory().getMappingMetamodel().getEntityDescriptor(Node.class);
    for (String name : nodes) {
      Object held = s.getPersistenceContextInternal().getEntity(s.generateEntityKey(name, persister));
      if (held != null) {
        session.detach(held);
      }
    }
  }

  /** Binds {@code value} as Hibernate binds the {@link Node} attribute {@code attribute}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void bind(PreparedStatement ps, int index, String attribute, Object value) throws SQLException {
    SharedSessionContractImplementor s = session.unwrap(SharedSessionContractImplementor.class);
    EntityPersister persister = s.getFactory().getMappingMetamodel().getEntityDescriptor(Node.class);
    ValueBinder binder = ((BasicValuedModelPart) persister.findAttributeMapping(attribute)).getJdbcMapping()
        .getJdbcValueBinder();
    binder.bind(ps, value, index, s);
  }
}
