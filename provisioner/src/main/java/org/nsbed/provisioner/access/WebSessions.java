package org.nsbed.provisioner.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.experiment.lifecycle.ProjectAccess;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.provisioner.time.TestbedClock;

/**
 * The sessions of the web pages, kept in the database so that every server on it knows every
 * session (a browser may reach any of several servers on one MariaDB). A session's secret is 256
 * random bits, given to the browser once; only its SHA-256 hash is stored. A session ends when
 * the user signs out or {@link #LIFETIME} after sign-in, whichever comes first.
 */
public final class WebSessions {
  /** How long a sign-in lasts: a working day. */
  public static final Duration LIFETIME = Duration.ofHours(12);

  private static final String PREFIX = "nsw_";

  private final Database db;
  private final TestbedClock clock;

  /** The sessions on the system clock. */
  public WebSessions(Database db) {
    this(db, TestbedClock.system());
  }

  /** The sessions, started and expired on {@code clock}. */
  public WebSessions(Database db, TestbedClock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Starts a session for {@code user} (already authenticated) and returns its secret, the cookie's value. */
  public String start(String user) {
    String token = Credentials.newSecret(PREFIX);
    Instant now = clock.now();
    db.run(s -> {
      new CatalogRepository(s).user(user).orElseThrow(() -> ProjectAccess.unknownUser(user));
      // Expired sessions of anyone go when someone signs in: the table never grows without bound.
      s.createMutationQuery("delete from WebSession where expires < :now").setParameter("now", now).executeUpdate();
      s.persist(new WebSession(user, Credentials.sha256(token), now, now.plus(LIFETIME)));
    });
    return token;
  }

  /** The user of a session that exists and has not expired. */
  public Optional<String> user(String token) {
    if (!wellFormed(token)) {
      return Optional.empty();
    }
    String hash = Credentials.sha256(token);
    return db.read(s -> s.createSelectionQuery("from WebSession where tokenHash = :h and expires > :now",
            WebSession.class).setParameter("h", hash).setParameter("now", clock.now())
        .getResultList().stream().findFirst().map(WebSession::user));
  }

  /** Ends a session (signing out); an unknown one is already ended. */
  public void end(String token) {
    if (!wellFormed(token)) {
      return;
    }
    String hash = Credentials.sha256(token);
    db.run(s -> s.createMutationQuery("delete from WebSession where tokenHash = :h").setParameter("h", hash)
        .executeUpdate());
  }

  private static boolean wellFormed(String token) {
    return token != null && token.startsWith(PREFIX) && token.length() <= 100;
  }
}
