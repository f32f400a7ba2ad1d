package org.nsbed.scheduler.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
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
import org.nsbed.provisioner.time.ManualClock;

/**
 * Notifications go out once, after the transaction that queued them committed: never for a
 * transaction that rolled back or was tried again, and, when the process that committed did not
 * send them, from the next sweep; claims go stale and sends are given up on a manual clock.
 */
class OutboxTest {
  private static final String SUBJECT = "Swap-in of testbed/one succeeded";

  private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

  @TempDir Path home;
  private final ManualClock clock = new ManualClock(START);
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
    Outbox outbox = new Outbox(db, mailbox, "test", clock);
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
    Outbox outbox = new Outbox(db, mailbox, "test", clock);
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
    Outbox outbox = new Outbox(db, checking, "test", clock);
    db.run(s -> outbox.messages().queue(s, message(), line -> { }));
    assertEquals(List.of(1L), visibleToOthers, "another transaction saw the message stored when it was sent");
    assertEquals(1, mails(), mail());
  }

  @Test
  void theQueueLogsWhomItNotifies() {
    Outbox outbox = new Outbox(db, mailbox, "test", clock);
    List<String> log = new ArrayList<>();
    db.run(s -> outbox.messages().queue(s, message(), log::add));
    assertEquals(List.of("notified alice: " + SUBJECT), log);
  }

  @Test
  void aMessageLeftUnsentByAProcessKilledAfterItsCommitIsSentByTheNextSweepOnce() throws Exception {
    db.run(s -> s.persist(new OutboxMessage("alice", SUBJECT, SUBJECT + ".\n", START)));
    Outbox survivor = new Outbox(db, mailbox, "survivor", clock);
    assertEquals(1, survivor.sweep());
    assertEquals(0, survivor.sweep());
    assertEquals(1, mails(), mail());
  }

  @Test
  void aClaimOfALiveProcessIsLeftAloneUntilItGoesStaleThenTakenOver() throws Exception {
    // The claimant dies between its claim and its send.
    Notifier dying = n -> {
      throw new ProcessKilled();
    };
    Outbox victim = new Outbox(db, dying, "victim", clock);
    assertThrows(ProcessKilled.class, () -> db.run(s -> victim.messages().queue(s, message(), line -> { })));
    Outbox other = new Outbox(db, mailbox, "other", clock);
    assertEquals(0, other.sweep(), "the claimant may be sending it right now");
    clock.advance(Outbox.CLAIM_TIMEOUT);
    assertEquals(0, other.sweep(), "the claim holds for its whole timeout");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(1, other.sweep(), "the claimant died before it sent the message");
    assertEquals(1, mails(), mail());
  }

  /** An error no notifier throws: what the process "sees" when it is killed in the middle of a send. */
  private static final class ProcessKilled extends Error {
    ProcessKilled() {
      super("killed");
    }
  }

  @Test
  void aMessageIsMarkedSentAtTheTimeOfItsSend() {
    Outbox outbox = new Outbox(db, mailbox, "test", clock);
    clock.advance(Duration.ofMinutes(7));
    db.run(s -> outbox.messages().queue(s, message(), line -> { }));
    OutboxMessage sent = db.read(s -> s.createSelectionQuery("from OutboxMessage", OutboxMessage.class)
        .getSingleResult());
    assertEquals(START.plus(Duration.ofMinutes(7)), sent.sent());
  }

  @Test
  void aMessageWhoseSendsKeepFailingIsGivenUpAfterTheLastAttempt() throws Exception {
    AtomicInteger sends = new AtomicInteger();
    Notifier relayDown = n -> {
      sends.incrementAndGet();
      throw new IllegalStateException("mail relay 127.0.0.1:25 refused the connection");
    };
    Outbox outbox = new Outbox(db, relayDown, "test", clock);
    db.run(s -> outbox.messages().queue(s, message(), line -> { }));
    for (int sweep = 1; sweep < Outbox.MAX_ATTEMPTS; sweep++) {
      clock.advance(Outbox.SWEEP_INTERVAL);
      assertEquals(0, outbox.sweep());
    }
    assertEquals(Outbox.MAX_ATTEMPTS, sends.get());
    clock.advance(Outbox.SWEEP_INTERVAL);
    assertEquals(0, outbox.sweep());
    assertEquals(Outbox.MAX_ATTEMPTS, sends.get(), "given up: not sent again");
    OutboxMessage left = db.read(s -> s.createSelectionQuery("from OutboxMessage", OutboxMessage.class)
        .getSingleResult());
    assertEquals(Outbox.MAX_ATTEMPTS, left.attempts());
    assertTrue(left.lastError().contains("refused"), left.lastError());
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
    Outbox outbox = new Outbox(db, relay, "test", clock);
    db.run(s -> outbox.messages().queue(s, message(), line -> { }));
    OutboxMessage failed = db.read(s -> s.createSelectionQuery("from OutboxMessage", OutboxMessage.class)
        .getSingleResult());
    assertEquals(1, failed.attempts());
    assertTrue(failed.lastError().contains("refused"), failed.lastError());
    relayDown.set(false);
    assertEquals(1, outbox.sweep());
    assertEquals(1, mails(), mail());
  }

  private static OutboxMessage message() {
    return new OutboxMessage("alice", SUBJECT, SUBJECT + ".\n\nexperiment is active with 1 node(s)\n", START);
  }

  private String mail() throws Exception {
    Path box = mailbox.mailbox("alice");
    return Files.exists(box) ? Files.readString(box) : "";
  }

  private int mails() throws Exception {
    return mail().split("\nSubject: " + SUBJECT + "\n", -1).length - 1;
  }
}
