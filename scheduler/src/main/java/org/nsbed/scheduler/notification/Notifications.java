package org.nsbed.scheduler.notification;

import java.nio.file.Path;
import java.time.Instant;
import org.hibernate.Session;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentLifecycle;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.mapping.Reservations;

/** The message each finished experiment operation sends: to the experiment's log and to its user. */
public final class Notifications {
  private Notifications() {}

  /**
   * Builds the message of a finished operation, logs it and sends it, inside the transaction that
   * records the outcome: whoever sees the outcome also finds the message.
   */
  public static void experiment(Session s, Notifier notifier, Path home, Operation op, Experiment e, String outcome,
      String message) {
    String what = switch (op.kind()) {
      case SWAPIN -> "Swap-in";
      case SWAPOUT -> "Swap-out";
      case MODIFY -> "Modify";
      case END -> "Termination";
      default -> op.kind().label();
    };
    String subject = what + " of " + e.qualifiedName() + " " + outcome;
    String body = subject + ".\n\n" + message + "\n\n"
        + SummaryTable.render(new Reservations(s, home).experimentNodes(e.id()));
    new ExperimentLifecycle(s).log(e, "notified " + op.requestedBy() + ": " + subject);
    notifier.send(new Notification(op.requestedBy(), subject, body, Instant.now()));
  }
}
