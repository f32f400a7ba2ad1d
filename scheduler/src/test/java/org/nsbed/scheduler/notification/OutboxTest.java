package org.nsbed.scheduler.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * Notifications that the process which committed them did not send (it was killed, or the relay
 * refused them) go out from the next sweep, once. That a transaction hands its messages to the
 * sender once it committed, and never when it rolled back, is {@code OutboxMessagesTest}'s. Claims
 * go stale and sends are given up on a manual clock.
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
  void aMessageLeftUnsentByAProcessKilledAfterItsCommitIsSentByTheNextSweepOnce() throws Exception {
    db.run(s -> s.persist(new OutboxMessage("alice", SUBJECT, SUBJECT + ".\n", START)));
    Outbox survivor = new Outbox(db, mailbox, "survivor", clock);
    assertEquals(1, survivor.sweep());
    assertEquals(0, survivor.sweep());
    assertEquals(1, mails(), mail());
  }

  @Test
  void aClaimOfALiveProcessIsLeftAloneUntilItGoesStaleThenTakenOver() throws Exception {
    db.run(s -> s.persist(message()));
    // The claimant dies between its claim and its send.
    Notifier dying = n -> {
      throw new ProcessKilled();
    };
    Outbox victim = new Outbox(db, dying, "victim", clock);
    assertThrows(ProcessKilled.class, victim::sweep);
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
    db.run(s -> s.persist(message()));
    clock.advance(Duration.ofMinutes(7));
    assertEquals(1, new Outbox(db, mailbox, "test", clock).sweep());
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
    db.run(s -> s.persist(message()));
    for (int sweep = 1; sweep <= Outbox.MAX_ATTEMPTS; sweep++) {
      assertEquals(0, outbox.sweep());
      clock.advance(Outbox.SWEEP_INTERVAL);
    }
    assertEquals(Outbox.MAX_ATTEMPTS, sends.get());
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
    db.run(s -> s.persist(message()));
    assertEquals(0, outbox.sweep(), "the relay is down");
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
