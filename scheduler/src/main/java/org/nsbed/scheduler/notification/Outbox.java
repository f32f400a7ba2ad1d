package org.nsbed.scheduler.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.nsbed.provisioner.experiment.lifecycle.OutboxMessage;
import org.nsbed.provisioner.experiment.lifecycle.OutboxMessages;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.provisioner.time.TestbedClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each notification once, after the transaction that records what it tells has committed.
 *
 * <p>{@link OutboxMessages#queue} stores an {@link OutboxMessage} in the caller's transaction and
 * has the database deliver it here once that transaction commits ({@link Database#afterCommit}).
 * A transaction that {@code Database} tries again, or that rolls back, leaves no row and sends nothing, so the
 * mail says what the database says. Delivery claims the row with an update only one process can
 * win, sends it through the {@link Notifier}, and marks it sent:
 *
 * <ul>
 *   <li>a process killed after the commit and before the claim leaves an unclaimed row, and one
 *       killed before it sent leaves a claim that goes stale after {@link #CLAIM_TIMEOUT}; the
 *       {@link #sweep} of any scheduler of the cluster (at its start and every
 *       {@link #SWEEP_INTERVAL}, {@link OutboxJob}) sends both;
 *   <li>a failed send (mail relay down) stays unsent and is tried again by the sweep, up to
 *       {@link #MAX_ATTEMPTS} times in all;
 *   <li>the one window that can still send a message twice is between the notifier's write and
 *       the commit that marks it sent, a few milliseconds: a process killed there leaves a claim
 *       that goes stale, and the message goes again.
 * </ul>
 */
public final class Outbox {
  /** How long a claim holds before another process may send the message. */
  static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(2);
  /** How often a scheduler sweeps up messages that nobody sent. */
  public static final Duration SWEEP_INTERVAL = Duration.ofSeconds(30);
  /** Sends of one message before it is given up (and left in the table with its last error). */
  static final int MAX_ATTEMPTS = 5;

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  private final OutboxMessages messages;
  private final Notifier notifier;
  private final String claimant;
  private final TestbedClock clock;

  /**
   * @param claimant who claims messages (the scheduler's instance), as the table shows it
   * @param clock the time claims are stamped with and go stale on
   */
  public Outbox(Database db, Notifier notifier, String claimant, TestbedClock clock) {
    this.messages = new OutboxMessages(db, this::deliver);
    this.notifier = notifier;
    this.claimant = claimant;
    this.clock = clock;
  }

  /** The stored messages, where operations queue theirs: each is delivered here once its transaction commits. */
  public OutboxMessages messages() {
    return messages;
  }

  /** Sends every message nobody sent: unclaimed ones and those whose claim went stale. Returns how many went out. */
  public int sweep() {
    List<Long> due = messages.due(MAX_ATTEMPTS, clock.now().minus(CLAIM_TIMEOUT));
    int sent = 0;
    for (Long id : due) {
      sent += deliver(id) ? 1 : 0;
    }
    return sent;
  }

  /** Claims, sends and marks one message; false if another process holds it or it could not be sent. */
  boolean deliver(long id) {
    try {
      OutboxMessage m = claim(id);
      if (m == null) {
        return false;
      }
      try {
        notifier.send(new Notification(m.recipient(), m.subject(), m.body(), m.created()));
      } catch (RuntimeException failure) {
        int attempts = messages.failed(id, String.valueOf(failure.getMessage()));
        LOG.warn("could not notify {} ({}), attempt {} of {}: {}", m.recipient(), m.subject(), attempts, MAX_ATTEMPTS,
            failure.getMessage());
        return false;
      }
      messages.sent(id, clock.now());
      return true;
    } catch (RuntimeException databaseFailure) {
      // The row stays as it was (unclaimed, or claimed until the claim goes stale): the sweep sends it.
      LOG.warn("notification {} is left to the next sweep", id, databaseFailure);
      return false;
    }
  }

  /** The message, claimed by this process; null if it was sent, given up, or another process holds it. */
  private OutboxMessage claim(Long id) {
    Instant now = clock.now();
    return messages.claim(id, claimant, now, MAX_ATTEMPTS, now.minus(CLAIM_TIMEOUT)).orElse(null);
  }
}
