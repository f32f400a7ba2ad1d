package org.nsbed.scheduler.swap;

import org.nsbed.provisioner.catalog.NodeNames;
import java.util.Optional;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentStore;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.experiment.lifecycle.PendingReload;
import org.nsbed.provisioner.node.PowerAction;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.node.Reloads;
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
    ExperimentStore.SwapOutStart start = engine.experiments().startSwapOut(operationId);
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
    Optional<PendingReload> reload = engine.experiments().finishSwapOut(operationId, e.id(), end, message,
        Notifications.experiment("finished", message));
    reload.ifPresent(reloads::schedule);
  }
}
