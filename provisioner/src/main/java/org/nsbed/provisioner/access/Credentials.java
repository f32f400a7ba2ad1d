package org.nsbed.provisioner.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.catalog.User;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.experiment.lifecycle.ProjectAccess;
import org.nsbed.provisioner.persistence.Database;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Who a caller of the server is: passwords (BCrypt) for signing in to the web pages, and API
 * tokens (256 random bits, of which only a SHA-256 hash is stored) for the API and the CLI.
 * A fast hash is enough for tokens because they are random; passwords chosen by people need
 * BCrypt's deliberate slowness.
 */
public final class Credentials {
  /** A token as the user sees it once, with the id that revokes it. */
  public record NewToken(long id, String user, String token) {}

  /** A token as {@code user token list} shows it: never the token itself. */
  public record TokenInfo(long id, String user, String label, String created, boolean revoked) {}

  private static final String PREFIX = "nsb_";
  private static final int MIN_PASSWORD = 8;
  private static final int MAX_PASSWORD = 72;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(10);
  private static final String DUMMY_HASH = BCRYPT.encode("not a password of anyone");

  private final Database db;

  public Credentials(Database db) {
    this.db = db;
  }

  /** Sets {@code user}'s password (8 to 72 characters: BCrypt reads no further). */
  public void setPassword(String user, String password) {
    if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
      throw new LifecycleException("a password has " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
    }
    String hash = BCRYPT.encode(password);
    db.run(s -> existing(s, user).setPasswordHash(hash));
  }

  /** The user, if {@code password} is theirs. Unknown users and users without a password never match. */
  public Optional<String> checkPassword(String user, String password) {
    if (user == null || password == null || password.length() > MAX_PASSWORD) {
      return Optional.empty();
    }
    Optional<String> hash = db.read(s -> new CatalogRepository(s).user(user).map(User::passwordHash));
    if (hash.isEmpty() || hash.get() == null) {
      // Spend the same time as a real check, so response times do not tell which users exist.
      BCRYPT.matches(password, DUMMY_HASH);
      return Optional.empty();
    }
    return BCRYPT.matches(password, hash.get()) ? Optional.of(user) : Optional.empty();
  }

  /** Creates an API token for {@code user}; the returned text is the only copy of the token. */
  public NewToken createToken(String user, String label) {
    String clean = label == null ? "" : label.strip();
    if (clean.length() > 200) {
      throw new LifecycleException("a token label has at most 200 characters");
    }
    String token = newSecret(PREFIX);
    ApiToken saved = db.inTransaction(s -> {
      existing(s, user);
      ApiToken t = new ApiToken(user, clean, sha256(token));
      s.persist(t);
      return t;
    });
    return new NewToken(saved.id(), user, token);
  }

  /** Revokes a token; the next call that presents it gets 401. */
  public TokenInfo revoke(long id) {
    return db.inTransaction(s -> {
      ApiToken t = Optional.ofNullable(s.find(ApiToken.class, id))
          .orElseThrow(() -> LifecycleException.notFound("no API token with id " + id));
      t.revoke();
      return info(t);
    });
  }

  /** The tokens of {@code user} (all users when null), newest last. */
  public List<TokenInfo> tokens(String user) {
    return db.read(s -> s.createSelectionQuery("from ApiToken where (:u is null or user = :u) order by id",
        ApiToken.class).setParameter("u", user).getResultList().stream().map(Credentials::info).toList());
  }

  /** The user a token belongs to, if it is a token nsbed issued and it was not revoked. */
  public Optional<String> authenticate(String token) {
    return new Principals(db).ofToken(token).map(Principal::user);
  }

  /**
   * Checks that {@code actor} may manage the credentials of {@code target} (of every user when
   * null): a testbed admin may manage anyone's, a user only their own.
   *
   * @throws LifecycleException naming the unknown user, or saying that only admins may do it
   */
  public void checkManager(String actor, String target) {
    db.read(s -> {
      CatalogRepository catalog = new CatalogRepository(s);
      User acting = catalog.user(actor).orElseThrow(() -> ProjectAccess.unknownUser(actor));
      if (target != null && catalog.user(target).isEmpty()) {
        throw ProjectAccess.unknownUser(target);
      }
      if (!acting.admin() && (target == null || !target.equals(acting.name()))) {
        throw LifecycleException.forbidden("only testbed admins may manage other users' credentials");
      }
      return acting;
    });
  }

  static boolean wellFormed(String token) {
    return token != null && token.startsWith(PREFIX) && token.length() <= 100;
  }

  private static User existing(Session s, String user) {
    return new CatalogRepository(s).user(user).orElseThrow(() -> ProjectAccess.unknownUser(user));
  }

  private static TokenInfo info(ApiToken t) {
    return new TokenInfo(t.id(), t.user(), t.label(), t.created().toString(), t.revoked() != null);
  }

  /** A new secret: {@code prefix} and 256 random bits, URL-safe (API tokens, web session cookies). */
  static String newSecret(String prefix) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
