package org.nsbed.provisioner.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An API token of a user. The token itself is shown once when it is created; only its SHA-256
 * hash is kept, so a copy of the database gives nobody a usable token.
 */
@Entity
@Table(name = "api_tokens")
public class ApiToken {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  @Column(name = "user_name", length = 32, nullable = false)
  private String user;

  @Column(name = "label", length = 200, nullable = false)
  private String label;

  @Column(name = "token_hash", length = 64, nullable = false)
  private String tokenHash;

  @Column(name = "created", nullable = false)
  private Instant created;

  @Column(name = "revoked")
  private Instant revoked;

  protected ApiToken() {}

  ApiToken(String user, String label, String tokenHash) {
    this.user = user;
    this.label = label;
    this.tokenHash = tokenHash;
    this.created = Instant.now();
  }

  public Long id() {
    return id;
  }

  public String user() {
    return user;
  }

  public String label() {
    return label;
  }

  public Instant created() {
    return created;
  }

  public Instant revoked() {
    return revoked;
  }

  void revoke() {
    if (revoked == null) {
      revoked = Instant.now();
    }
  }
}
