package org.nsbed.provisioner.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A signed-in user of the web pages. The browser holds the session's secret in a cookie; the
 * database only its SHA-256 hash, as for API tokens.
 */
@Entity
@Table(name = "web_sessions")
public class WebSession {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  @Column(name = "user_name", length = 32, nullable = false)
  private String user;

  @Column(name = "token_hash", length = 64, nullable = false)
  private String tokenHash;

  @Column(name = "created", nullable = false)
  private Instant created;

  @Column(name = "expires", nullable = false)
  private Instant expires;

  protected WebSession() {}

  WebSession(String user, String tokenHash, Instant created, Instant expires) {
    this.user = user;
    this.tokenHash = tokenHash;
    this.created = created;
    this.expires = expires;
  }

  public String user() {
    return user;
  }

  public Instant expires() {
    return expires;
  }
}
