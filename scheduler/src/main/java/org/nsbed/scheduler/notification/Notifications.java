package org.nsbed.scheduler.notification;

import java.time.Instant;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentStore;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.experiment.lifecycle.OutboxMessage;
import org.nsbed.provisioner.experiment.lifecycle.OutcomeMessage;

/** The message each finished experiment operation sends: to the experiment's log and to its user. */
public final class Notifications {
  /** The user name of operations nsbed starts by itself. */
  public static final String SYSTEM = "nsbed";

  private Notifications() {}

  /**
   * The message of a finished operation, which {@link ExperimentStore} queues in the transaction
   * that records the outcome: it is sent once that transaction commits ({@link Outbox}).
   */
  public static OutcomeMessage experiment(String outcome, String message) {
    return (op, e, rows) -> {
      String what = switch (op.kind()) {
        case SWAPIN -> "Swap-in";
        case SWAPOUT -> "Swap-out";
        case MODIFY -> "Modify";
        case END -> "Termination";
        default -> op.kind().label();
      };
      String subject = what + " of " + e.qualifiedName() + " " + outcome;
      // No node rows (a swap-in that could not be mapped): no table of headings alone.
      String body = subject + ".\n\n" + message + "\n" + (rows.isEmpty() ? "" : "\n" + SummaryTable.render(rows));
      return new OutboxMessage(recipient(op, e), subject, body, Instant.now());
    };
  }

  /**
   * Who hears about an operation: whoever requested it, and for what nsbed does by itself (the
   * automatic swap-out of {@code startexp -a}) the experiment's owner.
   */
  static String recipient(Operation op, Experiment e) {
    return SYSTEM.equals(op.requestedBy()) ? e.creator().name() : op.requestedBy();
  }
}
