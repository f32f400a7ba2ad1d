package org.nsbed.scheduler.swap;

import org.nsbed.provisioner.catalog.NodeNames;
import java.util.List;
import java.util.Optional;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.ExperimentRepository;
import org.nsbed.provisioner.experiment.ExperimentState;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentLifecycle;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.mapping.Reservations;
import org.nsbed.provisioner.node.PowerAction;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.image.Reloads;
import org.nsbed.scheduler.notification.Notifications;

/**
 * A swap-out (or the swap-out part of an end): power the nodes off, keep their console logs in the
 * archive, release them to the reload of their default image ({@link Reloads}), and cancel a
 * pending automatic swap-out. The experiment, its NS file and
 * its settings stay for the next swap-in; an end moves it on to {@code ended}.
 */
public final class SwapOut {
  private final Engine engine;

  public SwapOut(Engine engine) {
    this.engine = engine;
  }

  public void run(String operationId) {
    record Start(Experiment experiment, List<String> nodes, Operation.Kind kind) {}
    Start start = engine.db().inTransaction(s -> {
      Operation op = s.find(Operation.class, operationId);
      op.start();
      Experiment e = s.find(Experiment.class, op.experimentId());
      List<String> nodes = new ExperimentRepository(s).nodesOf(e).stream()
          .map(org.nsbed.provisioner.catalog.Node::name).toList();
      return new Start(e, nodes, op.kind());
    });
    Experiment e = start.experiment();
    String label = e.project().pid() + "-" + e.eid();
    for (String node : start.nodes()) {
      engine.driver().power(node, PowerAction.OFF);
      engine.driver().archiveConsole(node, label);
    }
    for (Operation auto : engine.pending(e.id(), Operation.Kind.SWAPOUT)) {
      if (!auto.id().equals(operationId)) {
        AutoSwapOut.cancel(engine, auto.id());
      }
    }
    boolean end = start.kind() == Operation.Kind.END;
    String message = (start.nodes().isEmpty() ? "no nodes held" : "released " + NodeNames.summary(start.nodes())
        + " (reloaded with their default image before they are free again)") + (end ? "; experiment ended" : "");
    Reloads reloads = new Reloads(engine);
    Optional<Reloads.Pending> reload = engine.db().inTransaction(s -> {
      Experiment exp = s.find(Experiment.class, e.id());
      Operation op = s.find(Operation.class, operationId);
      Reservations reservations = new Reservations(s, engine.settings().home());
      List<String> released = reservations.releaseAll(exp);
      s.flush();
      Optional<Reloads.Pending> pending = reloads.hold(s, exp, released);
      // A swapped-out experiment has no nodes; the per-node rows describe the next swap-in only.
      reservations.experimentNodes(exp.id()).forEach(s::remove);
      ExperimentLifecycle lifecycle = new ExperimentLifecycle(s);
      if (end && exp.state() == ExperimentState.SWAPPING) {
        exp.setState(ExperimentState.SWAPPED);
        exp.setState(ExperimentState.TERMINATING);
      }
      lifecycle.finish(exp, op, true, end ? ExperimentState.ENDED : ExperimentState.SWAPPED, 0, message);
      Notifications.experiment(s, engine.outbox(), engine.settings().home(), op, exp, "finished", message);
      if (end) {
        // endexp deletes the experiment (its runs, node rows and log go with it; the mail stays) in
        // the transaction that finishes the operation: whoever sees it done finds no experiment.
        s.flush();
        new ExperimentRepository(s).delete(exp);
      }
      return pending;
    });
    reload.ifPresent(reloads::schedule);
  }
}
