package org.nsbed.provisioner.experiment;

import java.util.List;
import java.util.Optional;
import org.hibernate.Session;
import org.nsbed.provisioner.catalog.Node;

/** Queries and saves of experiments within one session (and so one transaction). */
public final class ExperimentRepository {

  private final Session session;

  public ExperimentRepository(Session session) {
    this.session = session;
  }

  /** Makes a new experiment persistent. */
  public Experiment add(Experiment experiment) {
    session.persist(experiment);
    return experiment;
  }

  public Optional<Experiment> find(String pid, String eid) {
    return session.createSelectionQuery("from Experiment where project.pid = :pid and eid = :eid", Experiment.class)
        .setParameter("pid", pid)
        .setParameter("eid", eid)
        .uniqueResultOptional();
  }

  /** All experiments, by project then eid. */
  public List<Experiment> all() {
    return session.createSelectionQuery("from Experiment order by project.pid, eid", Experiment.class).getResultList();
  }

  /** The experiments of a project, by eid. */
  public List<Experiment> ofProject(String pid) {
    return session.createSelectionQuery("from Experiment where project.pid = :pid order by eid", Experiment.class)
        .setParameter("pid", pid)
        .getResultList();
  }

  /** The physical nodes reserved to an experiment, by virtual node name. */
  public List<Node> nodesOf(Experiment experiment) {
    return session.createSelectionQuery("from Node where experiment = :e order by vname", Node.class)
        .setParameter("e", experiment)
        .getResultList();
  }

  /** Deletes an experiment; it must hold no nodes. */
  public void delete(Experiment experiment) {
    if (!nodesOf(experiment).isEmpty()) {
      throw new IllegalStateException("experiment " + experiment.qualifiedName() + " still holds nodes");
    }
    session.remove(experiment);
  }
}
