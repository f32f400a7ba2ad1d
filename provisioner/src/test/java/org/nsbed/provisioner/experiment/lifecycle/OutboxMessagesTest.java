package org.nsbed.provisioner.experiment.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.provisioner.persistence.Database;

/**
 * A queued notification goes to the sender once, after the transaction that queued it committed:
 * never for a transaction that rolled back, and once for one the database tried again.
 */
class OutboxMessagesTest {
  private static final String SUBJECT = "Swap-in of testbed/one succeeded";

  @TempDir Path home;
  private Database db;
  private final List<Long> sent = new ArrayList<>();
  private OutboxMessages outbox;

  @BeforeEach
  void openDatabase() {
    db = Database.open(Database.embeddedUrl(home), LifecycleEntities.ALL);
    outbox = new OutboxMessages(db, sent::add);
  }

  @AfterEach
  void closeDatabase() {
    db.close();
  }

  @Test
  void aTransactionThatTheDatabaseTriesAgainHandsItsMessageOverOnce() {
    AtomicInteger attempts = new AtomicInteger();
    db.run(s -> {
      outbox.queue(s, message(), line -> { });
      if (attempts.incrementAndGet() == 1) {
        // What H2 answers when the process serving the embedded file went away: Database tries again.
        throw new IllegalStateException(new SQLException("Database is already closed", "90121", 90121));
      }
    });
    assertEquals(2, attempts.get(), "the transaction ran twice");
    assertEquals(1, sent.size(), sent.toString());
    assertEquals(sent, outbox.due(5, Instant.now()), "the message handed over is the one stored");
  }

  @Test
  void aTransactionThatRollsBackHandsNothingOverAndStoresNothing() {
    assertThrows(IllegalStateException.class, () -> db.run(s -> {
      outbox.queue(s, message(), line -> { });
      throw new IllegalStateException("the outcome could not be stored");
    }));
    assertEquals(List.of(), sent);
    assertEquals(List.of(), outbox.due(5, Instant.now()));
  }

  @Test
  void theMessageIsHandedOverAfterItsTransactionCommitted() {
    List<Long> visibleToOthers = new ArrayList<>();
    OutboxMessages checking = new OutboxMessages(db, id -> visibleToOthers.add(db.query(s -> s.createSelectionQuery(
        "select count(*) from OutboxMessage where id = :id", Long.class).setParameter("id", id).getSingleResult())));
    db.run(s -> checking.queue(s, message(), line -> { }));
    assertEquals(List.of(1L), visibleToOthers, "another transaction saw the message stored when it was handed over");
  }

  @Test
  void theQueueLogsWhomItNotifies() {
    List<String> log = new ArrayList<>();
    db.run(s -> outbox.queue(s, message(), log::add));
    assertEquals(List.of("notified alice: " + SUBJECT), log);
  }

  private static OutboxMessage message() {
    return new OutboxMessage("alice", SUBJECT, SUBJECT + ".\n\nexperiment is active with 1 node(s)\n", Instant.now());
  }
}
