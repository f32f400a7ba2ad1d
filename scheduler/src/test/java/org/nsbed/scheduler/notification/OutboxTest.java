package org.nsbed.scheduler.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleEntities;
import org.nsbed.provisioner.experiment.lifecycle.OutboxMessage;
import org.nsbed.provisioner.persistence.Database;

/**
 * Notifications go out once, after the transaction that queued them committed: never for a
 * transaction that rolled back or was tried again, and, when the process that committed did not
 * send them, from the next sweep.
 */
class OutboxTest {
  private static final String SUBJECT = "Swap-in of testbed/one succeeded";

  @TempDir Path home;
  private Database db;
  private MailboxNotifier mailbox;

  @BeforeEach
  void openDatabase() {
    db = Database.open(Database.embeddedUrl(home), LifecycleEntities.ALL);
    mailbox = new MailboxNotifier(home);
  }

  @AfterEach
  void closeDatabase() {
    db.close();
  }

  @Test
  void aTransactionThatTheDatabaseTriesAgainSendsItsNotificationOnce() throws Exception {
    Outbox outbox = new Outbox(db, mailbox, "test");
    AtomicInteger attempts = new AtomicInteger();
    db.run(s -> {
      outbox.messages().queue(s, message(), line -> { });
      if (attempts.incrementAndGet() == 1) {
        // What H2 answers when the process serving the embedded file went away: Database tries again.
        throw new IllegalStateException(new SQLException("Database is already closed", "90121", 90121));
      }
    });
    assertEquals(2, attempts.get(), "the transaction ran twice");
    assertEquals(1, mails(), mail());
  }

  @Test
  void aTransactionThatRollsBackSendsNothing() throws Exception {
    Outbox outbox = new Outbox(db, mailbox, "test");
    assertThrows(IllegalStateException.class, () -> db.run(s -> {
      outbox.messages().queue(s, message(), line -> { });
      throw new IllegalStateException("the outcome could not be stored");
    }));
    assertEquals(0, mails(), mail());
    assertEquals(0, outbox.sweep());
  }

  @Test
  void theNotificationIsSentAfterItsTransactionCommitted() throws Exception {
    List<Long> visibleToOthers = new ArrayList<>();
    Notifier checking = n -> {
      visibleToOthers.add(db.query(s -> s.createSelectionQuery("select count(*) from OutboxMessage", Long.class)
          .getSingleResult()));
      mailbox.send(n);
    };
    Outbox outbox = new Outbox(db, checking, "test");
    db.run(s -> outbox.messages().queue(s, message(), line -> { }));
    assertEquals(List.of(1L), visibleToOthers, "another transaction saw the message stored when it was sent");
    assertEquals(1, mails(), mail());
  }

  @Test
  void theQueueLogsWhomItNotifies() {
    Outbox outbox = new Outbox(db, mailbox, "test");
    List<String> log = new ArrayList<>();
    db.run(s -> outbox.messages().queue(s, message(), log::add));
    assertEquals(List.of("notified alice: " + SUBJECT), log);
  }

  @Test
  void aMessageLeftUnsentByAProcessKilledAfterItsCommitIsSentByTheNextSweepOnce() throws Exception {
    db.run(s -> s.persist(new OutboxMessage("alice", SUBJECT, SUBJECT + ".\n", Instant.now())));
    Outbox survivor = new Outbox(db, mailbox, "survivor");
    assertEquals(1, survivor.sweep());
    assertEquals(0, survivor.sweep());
    assertEquals(1, mails(), mail());
  }

  @Test
  void aClaimOfALiveProcessIsLeftAloneAndAStaleOneIsTakenOver() throws Exception {
    db.run(s -> s.persist(new OutboxMessage("alice", SUBJECT, SUBJECT + ".\n", Instant.now())));
    claim(Instant.now());
    Outbox other = new Outbox(db, mailbox, "other");
    assertEquals(0, other.sweep(), "the claimant may be sending it right now");
    claim(Instant.now().minus(Outbox.CLAIM_TIMEOUT).minusSeconds(1));
    assertEquals(1, other.sweep(), "the claimant died before it sent the message");
    assertEquals(1, mails(), mail());
  }

  @Test
  void aSendThatFailedIsTriedAgainByTheSweep() throws Exception {
    AtomicBoolean relayDown = new AtomicBoolean(true);
    Notifier relay = n -> {
      if (relayDown.get()) {
        throw new IllegalStateException("mail relay 127.0.0.1:25 refused the connection");
      }
      mailbox.send(n);
    };
    Outbox outbox = new Outbox(db, relay, "test");
    db.run(s -> outbox.messages().queue(s, message(), line -> { }));
    OutboxMessage failed = db.read(s -> s.createSelectionQuery("from OutboxMessage", OutboxMessage.class)
        .getSingleResult());
    assertEquals(1, failed.attempts());
    assertTrue(failed.lastError().contains("refused"), failed.lastError());
    relayDown.set(false);
    assertEquals(1, outbox.sweep());
    assertEquals(1, mails(), mail());
  }

  private void claim(Instant at) {
    db.run(s -> s.createMutationQuery("update OutboxMessage set claimedBy = 'victim', claimedAt = :at")
        .setParameter("at", at).executeUpdate());
  }

  private static OutboxMessage message() {
    return new OutboxMessage("alice", SUBJECT, SUBJECT + ".\n\nexperiment is active with 1 node(s)\n", Instant.now());
  }

  private String mail() throws Exception {
    Path box = mailbox.mailbox("alice");
    return Files.exists(box) ? Files.readString(box) : "";
  }

  private int mails() throws Exception {
    return mail().split("\nSubject: " + SUBJECT + "\n", -1).length - 1;
  }
}
