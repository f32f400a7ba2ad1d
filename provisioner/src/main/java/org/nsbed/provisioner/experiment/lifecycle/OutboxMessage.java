package org.nsbed.provisioner.experiment.lifecycle;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.Length;

/**
 * A notification to a user, stored in the transaction that records what it tells and sent after
 * that transaction commits. {@code claimedBy} names the process sending it; {@code sent} is set
 * once it went out.
 */
@Entity
@Table(name = "notification_outbox")
public class OutboxMessage {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  @Column(name = "recipient", length = 32, nullable = false)
  private String recipient;

  @Lob
  @Column(name = "subject", length = Length.LONG32, nullable = false)
  private String subject;

  @Lob
  @Column(name = "body", length = Length.LONG32, nullable = false)
  private String body;

  @Column(name = "created", nullable = false)
  private Instant created;

  @Column(name = "claimed_by", length = 200)
  private String claimedBy;

  @Column(name = "claimed_at")
  private Instant claimedAt;

  @Column(name = "attempts", nullable = false)
  private int attempts;

  @Column(name = "last_error", length = 2000)
  private String lastError;

  @Column(name = "sent")
  private Instant sent;

  protected OutboxMessage() {}

  public OutboxMessage(String recipient, String subject, String body, Instant created) {
    this.recipient = recipient;
    this.subject = subject;
    this.body = body;
    this.created = created;
  }

  public Long id() {
    return id;
  }

  public String recipient() {
    return recipient;
  }

  public String subject() {
    return subject;
  }

  public String body() {
    return body;
  }

  public Instant created() {
    return created;
  }

  public int attempts() {
    return attempts;
  }

  public String lastError() {
    return lastError;
  }

  public Instant sent() {
    return sent;
  }

  /** Records that it went out. */
  public void sent(Instant at) {
    sent = at;
    claimedBy = null;
    claimedAt = null;
  }

  /** Records a failed attempt and gives the message back to the next sweep. */
  public void failed(String error) {
    attempts++;
    lastError = error.length() > 2000 ? error.substring(0, 2000) : error;
    claimedBy = null;
    claimedAt = null;
  }
}
