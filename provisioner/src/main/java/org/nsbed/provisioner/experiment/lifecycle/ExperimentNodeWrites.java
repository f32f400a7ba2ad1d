package org.nsbed.provisioner.experiment.lifecycle;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.descriptor.ValueBinder;

/**
 * Writes that touch every node row of a large experiment: load progress, load and boot times,
 * loads skipped. Through {@link ExperimentNode} entities each would load the rows and then send
 * one update per row, each its own round trip (the entity writes only its changed columns, and
 * Hibernate never batches such updates): a thousand round trips for a thousand nodes. Here one
 * JDBC batch carries one statement per row (MariaDB's driver sends it in a few round trips), or
 * one statement covers all rows. Every write sets only its own columns, as the entity's updates
 * do, so a concurrent writer of other columns of the same rows loses nothing; values are bound
 * by Hibernate's own mapping of each column, so they are stored as the entity would store them.
 *
 * <p>The writes join the session's transaction and go around its persistence context: an
 * {@code ExperimentNode} the session already holds keeps the values it had. Use them for rows the
 * session has not loaded; the session is flushed first, so its own pending changes go before.
 */
public final class ExperimentNodeWrites {

  /**
   * A node's progress, as {@link ExperimentNode#progress} records it.
   *
   * @param status the new status
   * @param bytesDone disk bytes written so far
   * @param bytesTotal disk bytes the load writes
   * @param reason why the node failed; kept only with {@link NodeStatus#FAILED}
   */
  public record Progress(NodeStatus status, long bytesDone, long bytesTotal, String reason) {}

  /**
   * A node's load and boot durations, as {@link ExperimentNode#timings} records them.
   *
   * @param loadMs how long the load took; null when there was none
   * @param bootMs how long the boot took; null when it did not come up
   */
  public record Timings(Long loadMs, Long bootMs) {}

  private final Session session;
  private final Map<String, ValueBinder<?>> binders = new HashMap<>();

  public ExperimentNodeWrites(Session session) {
    this.session = session;
  }

  /** Records the progress of each row, all stamped {@code at}. */
  public void progress(Map<ExperimentNode.Key, Progress> rows, Instant at) {
    batch("update experiment_nodes set status = ?, bytes_done = ?, bytes_total = ?, reason = ?, updated = ? "
        + "where experiment_id = ? and vname = ?", rows, (ps, p) -> {
          bind(ps, 1, "status", p.status());
          bind(ps, 2, "bytesDone", p.bytesDone());
          bind(ps, 3, "bytesTotal", p.bytesTotal());
          bind(ps, 4, "reason", ExperimentNode.failureReason(p.status(), p.reason()));
          bind(ps, 5, "updated", at);
        });
  }

  /** Records the load and boot durations of each row. */
  public void timings(Map<ExperimentNode.Key, Timings> rows) {
    batch("update experiment_nodes set load_ms = ?, boot_ms = ? where experiment_id = ? and vname = ?", rows,
        (ps, t) -> {
          bind(ps, 1, "loadMs", t.loadMs());
          bind(ps, 2, "bootMs", t.bootMs());
        });
  }

  /**
   * Marks the loads of the experiment's virtual nodes {@code vnames} as skipped (their disks
   * held the image already), in one statement.
   */
  public void skipLoad(Long experimentId, Collection<String> vnames) {
    if (vnames.isEmpty()) {
      return;
    }
    session.flush();
    session.createMutationQuery("update ExperimentNode r set r.loadSkipped = true "
            + "where r.key.experimentId = :id and r.key.vname in :vnames")
        .setParameter("id", experimentId)
        .setParameterList("vnames", List.copyOf(vnames))
        .executeUpdate();
  }

  /** Sets the columns of one row. */
  private interface Columns<T> {
    void set(PreparedStatement ps, T value) throws SQLException;
  }

  /**
   * Runs {@code sql}, whose last two parameters are the row's key, once per row in one JDBC
   * batch. A row that is gone (its experiment was deleted) is left alone, as a find that comes
   * back empty would be.
   */
  private <T> void batch(String sql, Map<ExperimentNode.Key, T> rows, Columns<T> columns) {
    if (rows.isEmpty()) {
      return;
    }
    session.flush();
    session.doWork(connection -> {
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        int keyAt = (int) sql.chars().filter(c -> c == '?').count() - 1;
        for (Map.Entry<ExperimentNode.Key, T> row : rows.entrySet()) {
          columns.set(ps, row.getValue());
          ps.setLong(keyAt, row.getKey().experimentId());
          ps.setString(keyAt + 1, row.getKey().vname());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    });
  }

  /** Binds {@code value} (null too) as Hibernate binds the entity attribute {@code attribute}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private void bind(PreparedStatement ps, int index, String attribute, Object value) throws SQLException {
    SharedSessionContractImplementor s = session.unwrap(SharedSessionContractImplementor.class);
    ValueBinder binder = binders.computeIfAbsent(attribute, a -> {
      EntityPersister persister = s.getFactory().getMappingMetamodel().getEntityDescriptor(ExperimentNode.class);
      return ((BasicValuedModelPart) persister.findAttributeMapping(a)).getJdbcMapping().getJdbcValueBinder();
    });
    binder.bind(ps, value, index, s);
  }
}
