package org.nsbed.provisioner.experiment.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.hibernate.Session;
import org.nsbed.provisioner.persistence.Database;

/**
 * The stored notifications ({@link OutboxMessage}): queued in the transaction that records what
 * they tell, handed to a sender once that transaction commits, and claimed, marked failed or sent
 * by whoever sends them.
 */
public final class OutboxMessages {
  private final Database db;
  private final LongConsumer send;

  /** @param send called with a queued message's id once its transaction has committed */
  public OutboxMessages(Database db, LongConsumer send) {
    this.db = db;
    this.send = send;
  }

  /**
   * Stores {@code m} in the transaction of {@code s} and logs to {@code log} whom it notifies; it
   * goes to the sender when that transaction commits, and never if it does not.
   */
  void queue(Session s, OutboxMessage m, Consumer<String> log) {
    s.persist(m);
    log.accept("notified " + m.recipient() + ": " + m.subject());
    Long id = m.id();
    db.afterCommit(() -> send.accept(id));
  }

  /** Messages not sent, tried fewer than {@code maxAttempts} times, unclaimed or claimed before {@code stale}. */
  public List<Long> due(int maxAttempts, Instant stale) {
    return db.query(s -> s.createSelectionQuery("select id from OutboxMessage where sent is null "
        + "and attempts < :max and (claimedAt is null or claimedAt < :stale) order by id", Long.class)
        .setParameter("max", maxAttempts).setParameter("stale", stale).getResultList());
  }

  /**
   * Claims a message for {@code claimant} with an update only one process can win; empty if it
   * was sent, given up, or claimed by someone else since {@code stale}.
   */
  public Optional<OutboxMessage> claim(Long id, String claimant, Instant now, int maxAttempts, Instant stale) {
    return Optional.ofNullable(db.inTransaction(s -> {
      int won = s.createMutationQuery("update OutboxMessage set claimedBy = :me, claimedAt = :now where id = :id "
              + "and sent is null and attempts < :max and (claimedAt is null or claimedAt < :stale)")
          .setParameter("me", claimant).setParameter("now", now).setParameter("id", id)
          .setParameter("max", maxAttempts).setParameter("stale", stale).executeUpdate();
      return won == 1 ? s.find(OutboxMessage.class, id) : null;
    }));
  }

  /** Records a failed send; returns how many sends of the message have failed. */
  public int failed(Long id, String error) {
    return db.inTransaction(s -> {
      OutboxMessage row = s.find(OutboxMessage.class, id);
      row.failed(error);
      return row.attempts();
    });
  }

  /** Marks a message sent. */
  public void sent(Long id, Instant at) {
    db.run(s -> s.find(OutboxMessage.class, id).sent(at));
  }
}
