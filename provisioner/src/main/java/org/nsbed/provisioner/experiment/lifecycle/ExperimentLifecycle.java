package org.nsbed.provisioner.experiment.lifecycle;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hibernate.Session;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.ExperimentState;

/**
 * The experiment state machine (docs/lifecycle.md, "Experiment states"): which operation may start
 * from which state, the state it moves to while it runs, and the lock that keeps a second operation
 * out. Every method works inside the caller's transaction, so a state change and its lock commit
 * together.
 *
 * <pre>
 * swapped --swapin--> activating --ok--> active        activating --failed--> swapped
 * active --swapout--> swapping --> swapped
 * active --modify--> activating --ok--> active | --failed--> active on the previous NS file
 *                                                  (swapped if even that fails)
 * new|swapped --end--> terminating --> ended ;  active --end--> swapping --> terminating --> ended
 * </pre>
 */
public final class ExperimentLifecycle {
  private final Session session;

  public ExperimentLifecycle(Session session) {
    this.session = session;
  }

  /** The run row of an experiment, created on first use. */
  public ExperimentRun run(Experiment experiment) {
    ExperimentRun run = session.find(ExperimentRun.class, experiment.id());
    if (run == null) {
      run = new ExperimentRun(experiment.id());
      session.persist(run);
    }
    return run;
  }

  /**
   * Starts an operation: checks the state and the lock, moves to the operation's running state,
   * takes the lock and stores the {@link Operation}.
   *
   * @throws LifecycleException if the experiment is busy or in the wrong state
   */
  public Operation begin(Experiment experiment, Operation.Kind kind, String user) {
    ExperimentRun run = run(experiment);
    if (run.locked()) {
      throw new LifecycleException("experiment " + experiment.qualifiedName() + " is busy: " + run.operation()
          + " running since " + run.lockedSince() + "; wait for it (nsbed expinfo -e " + experiment.project().pid()
          + "," + experiment.eid() + " shows its progress)");
    }
    ExperimentState from = experiment.state();
    ExperimentState next = switch (kind) {
      case SWAPIN -> require(experiment, kind, EnumSet.of(ExperimentState.SWAPPED), ExperimentState.ACTIVATING);
      case SWAPOUT -> require(experiment, kind, EnumSet.of(ExperimentState.ACTIVE), ExperimentState.SWAPPING);
      case MODIFY -> require(experiment, kind, EnumSet.of(ExperimentState.ACTIVE), ExperimentState.ACTIVATING);
      case END -> require(experiment, kind, EnumSet.of(ExperimentState.NEW, ExperimentState.SWAPPED,
          ExperimentState.ACTIVE), from == ExperimentState.ACTIVE ? ExperimentState.SWAPPING : ExperimentState.TERMINATING);
      default -> throw new IllegalArgumentException(kind + " is not an experiment lifecycle operation");
    };
    experiment.setState(next);
    Operation op = new Operation(kind, experiment.id(), user);
    session.persist(op);
    run.lock(op);
    if (kind == Operation.Kind.SWAPIN) {
      run.setAttempt(0);
    }
    log(experiment, kind.label() + " requested by " + user + " (" + from.label() + " -> " + next.label() + ")");
    return op;
  }

  private static ExperimentState require(Experiment e, Operation.Kind kind, Set<ExperimentState> allowed,
      ExperimentState next) {
    if (!allowed.contains(e.state())) {
      throw new LifecycleException("cannot " + verb(kind) + " experiment " + e.qualifiedName() + ": it is "
          + e.state().label() + " (" + verb(kind) + " needs it " + String.join(" or ",
              allowed.stream().map(ExperimentState::label).toList()) + ")");
    }
    return next;
  }

  private static String verb(Operation.Kind kind) {
    return switch (kind) {
      case SWAPIN -> "swap in";
      case SWAPOUT -> "swap out";
      case MODIFY -> "modify";
      case END -> "end";
      default -> kind.label();
    };
  }

  /**
   * Ends the experiment's running operation: its final state, the unlock and the outcome.
   *
   * @param failedNodes nodes that failed (reported, and os_load's exit status)
   */
  public void finish(Experiment experiment, Operation op, boolean ok, ExperimentState next, int failedNodes,
      String message) {
    experiment.setState(next);
    run(experiment).unlock(ok ? "ok" : "failed", message);
    op.finish(ok, failedNodes, message);
    log(experiment, op.kind().label() + (ok ? " finished: " : " failed: ") + message);
  }

  /** Appends a line to the experiment's log. */
  public void log(Experiment experiment, String line) {
    session.persist(new ExperimentLogLine(experiment.id(), line));
  }

  /** The experiment's log, oldest first. */
  public List<ExperimentLogLine> logOf(Long experimentId) {
    return session.createSelectionQuery("from ExperimentLogLine where experimentId = :e order by id",
        ExperimentLogLine.class).setParameter("e", experimentId).getResultList();
  }
}
