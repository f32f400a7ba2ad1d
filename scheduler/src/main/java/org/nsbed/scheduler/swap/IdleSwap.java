package org.nsbed.scheduler.swap;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.experiment.lifecycle.OutboxMessage;
import org.nsbed.scheduler.engine.Engine;
import org.quartz.JobDataMap;

/**
 * Idle swap-out ({@code startexp -l MIN}): an active experiment whose nodes have all been idle for
 * MIN minutes gets a warning, and is swapped out if it stays idle for the grace period after it.
 * Idleness is the node driver's signal ({@link org.nsbed.provisioner.node.NodeDriver#lastActivity});
 * an experiment with a node whose driver cannot tell is never idle. The swap-in itself counts as
 * activity, so an experiment is never idle for longer than it has been active.
 *
 * <p>Each {@link #sweep} looks at every such experiment once; the server runs one sweep every
 * {@link #SWEEP_INTERVAL} on one scheduler of the cluster ({@link IdleSwapJob}). The sweep is
 * given the time, and the warnings sent so far, so that a test can run it at any instant.
 */
public final class IdleSwap {
  /** How often the server looks for idle experiments. */
  public static final Duration SWEEP_INTERVAL = Duration.ofSeconds(30);

  private final Engine engine;

  public IdleSwap(Engine engine) {
    this.engine = engine;
  }

  /** The time between the warning and the swap-out: a tenth of the idle time, at least one minute. */
  public static Duration grace(int idleMinutes) {
    return Duration.ofSeconds(Math.max(60, idleMinutes * 6L));
  }

  /**
   * Looks at every active experiment with an idle-swap setting at {@code now}: warns those idle for
   * their MIN minutes, and swaps out those still idle a grace period after their warning.
   *
   * @param warned when each experiment (by id) was warned; the sweep adds, and drops the warnings
   *     of experiments that became active again or are no longer active
   * @return the swap-outs it started
   */
  public List<Operation> sweep(Instant now, Map<Long, Instant> warned) {
    List<Experiment> candidates = engine.experiments().idleSwapCandidates();
    Set<Long> seen = new HashSet<>();
    List<Operation> started = new ArrayList<>();
    for (Experiment e : candidates) {
      seen.add(e.id());
      Optional<Instant> last = lastActivity(e);
      if (last.isEmpty()) {
        continue;
      }
      Instant warning = warned.get(e.id());
      if (warning != null && last.get().isAfter(warning)) {
        warned.remove(e.id());
        warning = null;
        log(e, "activity after the idle warning: the idle swap-out is called off");
      }
      Duration idle = Duration.between(last.get(), now);
      if (idle.compareTo(Duration.ofMinutes(e.idleSwapMinutes())) < 0) {
        continue;
      }
      if (warning == null) {
        warn(e, idle, now);
        warned.put(e.id(), now);
      } else if (!now.isBefore(warning.plus(grace(e.idleSwapMinutes())))) {
        swapOut(e, idle).ifPresent(started::add);
        warned.remove(e.id());
      }
    }
    warned.keySet().retainAll(seen);
    return started;
  }

  /** The latest activity of the experiment's nodes, or of its swap-in; empty if a node cannot tell. */
  private Optional<Instant> lastActivity(Experiment e) {
    List<String> nodes = engine.experiments().nodesOf(e.id());
    Instant last = e.swappedIn() != null ? e.swappedIn() : Instant.EPOCH;
    for (String node : nodes) {
      Optional<Instant> a = engine.driver().lastActivity(node);
      if (a.isEmpty()) {
        return Optional.empty();
      }
      if (a.get().isAfter(last)) {
        last = a.get();
      }
    }
    return Optional.of(last);
  }

  private void warn(Experiment e, Duration idle, Instant now) {
    Duration grace = grace(e.idleSwapMinutes());
    engine.experiments().notify(e.id(), "idle for " + idle.toMinutes() + " min: warned that it will be swapped out in "
        + grace.toMinutes() + " min", exp -> {
          String subject = "Experiment " + exp.qualifiedName() + " is idle and will be swapped out";
          String body = subject + ".\n\nIts nodes have been idle for " + idle.toMinutes() + " minutes (the idle-swap "
              + "setting is " + exp.idleSwapMinutes() + " minutes). Unless they show activity, it will be swapped out at "
              + now.plus(grace) + " (in " + grace.toMinutes() + " min).\n";
          return new OutboxMessage(exp.creator().name(), subject, body, now);
        });
  }

  private Optional<Operation> swapOut(Experiment e, Duration idle) {
    Optional<Operation> op = engine.experiments().beginIdleSwapOut(e.id(), idle.toMinutes());
    op.ifPresent(o -> engine.schedule(o, SwapOutJob.class, new JobDataMap()));
    return op;
  }

  private void log(Experiment e, String line) {
    engine.experiments().log(e.id(), line);
  }
}
