package org.nsbed.scheduler.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleEntities;
import org.nsbed.provisioner.experiment.lifecycle.OutboxMessage;
import org.nsbed.provisioner.persistence.Database;

/**
 * Notifications that the process which committed them did not send (it was killed, or the relay
 * refused them) go out from the next sweep, once. That a transaction hands its messages to the
 * sender once it committed, and never when it rolled back, is {@code OutboxMessagesTest}'s.
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
