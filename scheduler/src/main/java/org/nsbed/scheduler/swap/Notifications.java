package org.nsbed.scheduler.swap;

import java.time.Instant;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentLifecycle;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.mapping.Reservations;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.notification.Notification;
import org.nsbed.scheduler.notification.SummaryTable;

/** The message each finished experiment operation sends: to the experiment's log and to its user. */
final class Notifications {
  private Notifications() {}

  static void experiment(Engine engine, String operationId, Long experimentId, String outcome, String message) {
    Notification n = engine.db().inTransaction(s -> {
      Experiment e = s.find(Experiment.class, experimentId);
      Operation op = s.find(Operation.class, operationId);
      String what = switch (op.kind()) {
        case SWAPIN -> "Swap-in";
        case SWAPOUT -> "Swap-out";
        case MODIFY -> "Modify";
        case END -> "Termination";
        default -> op.kind().label();
      };
      String subject = what + " of " + e.qualifiedName() + " " + outcome;
      String body = subject + ".\n\n" + message + "\n\n"
          + SummaryTable.render(new Reservations(s, engine.settings().home()).experimentNodes(experimentId));
      new ExperimentLifecycle(s).log(e, "notified " + op.requestedBy() + ": " + subject);
      return new Notification(op.requestedBy(), subject, body, Instant.now());
    });
    engine.notifier().send(n);
  }
}
