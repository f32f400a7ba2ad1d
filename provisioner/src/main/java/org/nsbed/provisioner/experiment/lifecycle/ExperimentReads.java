package org.nsbed.provisioner.experiment.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.StatelessSession;
import org.nsbed.provisioner.experiment.ExperimentState;

/**
 * The reads behind {@link ExperimentView}, on a stateless session: the experiment's columns and
 * its run in one query (the NS file and its IR are not read), its nodes in a second, and only
 * the last lines of its log. A list of experiments takes two queries, whatever its length.
 */
final class ExperimentReads {
  private static final String HEADER = "select e.id, e.project.pid, e.eid, e.state, e.description, e.creator.name, "
      + "e.swappedIn, e.maxDurationMinutes, r from Experiment e left join ExperimentRun r on r.experimentId = e.id ";

  private final StatelessSession s;

  ExperimentReads(StatelessSession s) {
    this.s = s;
  }

  /** One experiment with the last {@code logLines} lines of its log. */
  Optional<ExperimentView> one(String pid, String eid, int logLines) {
    List<Object[]> rows = s.createSelectionQuery(HEADER + "where e.project.pid = :pid and e.eid = :eid", Object[].class)
        .setParameter("pid", pid).setParameter("eid", eid).getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Object[] row = rows.get(0);
    ExperimentInfo info = info(row);
    List<ExperimentNode> nodes = s.createSelectionQuery("from ExperimentNode where key.experimentId = :id "
        + "order by key.vname", ExperimentNode.class).setParameter("id", info.id()).getResultList();
    return Optional.of(new ExperimentView(info, run(info, row), nodes, log(info.id(), logLines)));
  }

  /** Every experiment, by project and name, without logs. */
  List<ExperimentView> all() {
    List<Object[]> rows = s.createSelectionQuery(HEADER + "order by e.project.pid, e.eid", Object[].class)
        .getResultList();
    Map<Long, List<ExperimentNode>> nodes = new HashMap<>();
    for (ExperimentNode n : s.createSelectionQuery("from ExperimentNode order by key.experimentId, key.vname",
        ExperimentNode.class).getResultList()) {
      nodes.computeIfAbsent(n.experimentId(), id -> new ArrayList<>()).add(n);
    }
    List<ExperimentView> out = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      ExperimentInfo info = info(row);
      out.add(new ExperimentView(info, run(info, row), nodes.getOrDefault(info.id(), List.of()), List.of()));
    }
    return out;
  }

  private List<ExperimentLogLine> log(Long experimentId, int lines) {
    if (lines <= 0) {
      return List.of();
    }
    List<ExperimentLogLine> last = new ArrayList<>(s.createSelectionQuery("from ExperimentLogLine "
        + "where experimentId = :e order by id desc", ExperimentLogLine.class).setParameter("e", experimentId)
        .setMaxResults(lines).getResultList());
    Collections.reverse(last);
    return last;
  }

  private static ExperimentInfo info(Object[] row) {
    return new ExperimentInfo((Long) row[0], (String) row[1], (String) row[2], (ExperimentState) row[3],
        (String) row[4], (String) row[5], (Instant) row[6], (Integer) row[7]);
  }

  /** The run of the row; an experiment never swapped in has none yet, which reads as an empty one. */
  private static ExperimentRun run(ExperimentInfo info, Object[] row) {
    return row[8] != null ? (ExperimentRun) row[8] : new ExperimentRun(info.id());
  }
}
