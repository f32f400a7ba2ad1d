package org.nsbed.scheduler.swap;

import java.util.List;
import java.util.regex.Pattern;
import org.nsbed.provisioner.access.Principal;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.ExperimentLimits;
import org.nsbed.provisioner.mapping.ExperimentTopology;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentView;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.scheduler.engine.Engine;
import org.quartz.Job;
import org.quartz.JobDataMap;

/**
 * What users ask of experiments (startexp, swapexp, modexp, endexp): each request checks who asks
 * and the experiment's state, changes the state and takes the lock in one transaction, and then
 * persists the job that does the work. Any nsbed process running the scheduler runs the job.
 */
public final class ExperimentOperations {
  private static final Pattern EID = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,31}");

  private final Engine engine;

  public ExperimentOperations(Engine engine) {
    this.engine = engine;
  }

  /**
   * Creates an experiment from a parsed NS file: stored, state {@code swapped}.
   *
   * @param maxDurationMinutes swap out automatically this long after each swap-in; null = never
   * @param idleSwapMinutes recorded idle-swap setting; null = none
   * @throws LifecycleException if the project, the user or the name is not acceptable
   */
  public Experiment create(String pid, String eid, String user, String description, String nsText, String irJson,
      Integer maxDurationMinutes, Integer idleSwapMinutes) {
    if (!EID.matcher(eid).matches()) {
      throw new LifecycleException("experiment name '" + eid + "' is not valid: use a letter followed by up to 31 "
          + "letters, digits or dashes");
    }
    checkStorable(description, irJson);
    return engine.experiments().create(pid, eid, user, description, nsText, irJson, maxDurationMinutes,
        idleSwapMinutes);
  }

  /** Starts a swap-in. */
  public Operation swapIn(String pid, String eid, String user) {
    return begin(pid, eid, user, Operation.Kind.SWAPIN, SwapInJob.class);
  }

  /** Starts a swap-out. */
  public Operation swapOut(String pid, String eid, String user) {
    return begin(pid, eid, user, Operation.Kind.SWAPOUT, SwapOutJob.class);
  }

  /** Ends an experiment (swapping it out first if it is active). */
  public Operation end(String pid, String eid, String user) {
    return begin(pid, eid, user, Operation.Kind.END, SwapOutJob.class);
  }

  /**
   * Replaces an experiment's NS file. A swapped experiment just takes the new file (returns
   * null); an active one is re-mapped: nodes of virtual nodes that stay keep their physical node,
   * new ones are reserved and loaded, removed ones released.
   */
  public Operation modify(String pid, String eid, String user, String nsText, String irJson) {
    checkStorable(null, irJson);
    return engine.experiments().modify(pid, eid, user, nsText, irJson).map(m -> {
      // The file a failed modify goes back to (the reference keeps the experiment on it).
      JobDataMap previous = new JobDataMap();
      previous.put(SwapInJob.PREVIOUS_NS, m.previousNsFile());
      previous.put(SwapInJob.PREVIOUS_IR, m.previousIrJson());
      engine.schedule(m.op(), SwapInJob.class, previous);
      return m.op();
    }).orElse(null);
  }

  /**
   * The experiment as {@code expinfo} shows it, without its log, if {@code user} may see it: a
   * member of its project or a testbed admin.
   *
   * @throws LifecycleException for an unknown user, a user outside the project, or no such experiment
   */
  public ExperimentView view(String pid, String eid, String user) {
    return view(pid, eid, user, 0);
  }

  /** As {@link #view(String, String, String)}, with the last {@code logLines} lines of the experiment's log. */
  public ExperimentView view(String pid, String eid, String user, int logLines) {
    return engine.experiments().view(pid, eid, user, logLines);
  }

  /**
   * As {@link #view(String, String, String, int)} for a caller whose projects were read in the
   * same request (the API reads them with the token): a read changes nothing, so the caller's
   * access is not read a second time.
   */
  public ExperimentView view(String pid, String eid, Principal caller, int logLines) {
    return engine.experiments().view(pid, eid, caller, logLines);
  }

  /** The NS file {@code pid/eid} runs on, for {@code user} (a member of the project, or an admin). */
  public String nsFile(String pid, String eid, String user) {
    return engine.experiments().nsFile(pid, eid, user);
  }

  /** The experiments {@code user} may see: those of their projects, or all for a testbed admin. */
  public List<ExperimentView> visibleTo(String user) {
    return engine.experiments().visibleTo(user);
  }

  /** Every experiment, for a reader that applies the project rules itself (the server's event streams). */
  public List<ExperimentView> all() {
    return engine.experiments().all();
  }

  /** Values the database could not store are refused here, before anything is written. */
  private static void checkStorable(String description, String irJson) {
    try {
      ExperimentLimits.checkLength("the description (-E)", description, ExperimentLimits.DESCRIPTION);
    } catch (IllegalArgumentException e) {
      throw new LifecycleException(e.getMessage());
    }
    for (ExperimentTopology.VirtualNode v : ExperimentTopology.fromIrJson(irJson).nodes()) {
      if (v.name().length() > ExperimentLimits.NODE_NAME) {
        throw new LifecycleException("node name '" + v.name().substring(0, 20) + "...' is " + v.name().length()
            + " characters long; nsbed stores at most " + ExperimentLimits.NODE_NAME);
      }
    }
  }

  private Operation begin(String pid, String eid, String user, Operation.Kind kind, Class<? extends Job> job) {
    Operation op = engine.experiments().begin(pid, eid, user, kind);
    engine.schedule(op, job, new JobDataMap());
    return op;
  }
}
