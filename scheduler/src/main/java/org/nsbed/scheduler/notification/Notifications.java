package org.nsbed.scheduler.notification;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.hibernate.Session;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentLifecycle;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.mapping.Reservations;

/** The message each finished experiment operation sends: to the experiment's log and to its user. */
public final class Notifications {
  /** The user name of operations nsbed starts by itself. */
  public static final String SYSTEM = "nsbed";

  private Notifications() {}

  /**
   * Builds the message of a finished operation and queues it in the transaction that records the
   * outcome: it is sent once that transaction commits ({@link Outbox}).
   */
  public static void experiment(Session s, Outbox outbox, Path home, Operation op, Experiment e, String outcome,
      String message) {
    String what = switch (op.kind()) {
      case SWAPIN -> "Swap-in";
      case SWAPOUT -> "Swap-out";
      case MODIFY -> "Modify";
      case END -> "Termination";
      default -> op.kind().label();
    };
    String subject = what + " of " + e.qualifiedName() + " " + outcome;
    List<ExperimentNode> rows = new Reservations(s, home).experimentNodes(e.id());
    // No node rows (a swap-in that could not be mapped): no table of headings alone.
    String body = subject + ".\n\n" + message + "\n" + (rows.isEmpty() ? "" : "\n" + SummaryTable.render(rows));
    ExperimentLifecycle lifecycle = new ExperimentLifecycle(s);
    outbox.queue(s, new Notification(recipient(op, e), subject, body, Instant.now()), line -> lifecycle.log(e, line));
  }

  /**
   * Who hears about an operation: whoever requested it, and for what nsbed does by itself (the
   * automatic swap-out of {@code startexp -a}) the experiment's owner.
   */
  static String recipient(Operation op, Experiment e) {
    return SYSTEM.equals(op.requestedBy()) ? e.creator().name() : op.requestedBy();
  }
}
