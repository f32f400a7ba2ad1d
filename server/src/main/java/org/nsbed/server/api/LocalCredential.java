package org.nsbed.server.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The credential of commands run on the server's own home: {@code Authorization: NsbedLocal
 * USER:SECRET}, with the secret the server wrote into the home. Whoever can read the home can open
 * its database and act as any user there, so this grants nothing new; it lets such commands go
 * through the server instead of running a second scheduler beside it.
 */
public final class LocalCredential {
  public static final String SCHEME = "NsbedLocal";

  private final byte[] secret;

  private LocalCredential(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** A new random secret (256 bits). */
  public static LocalCredential random() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return new LocalCredential(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  public String secret() {
    return new String(secret, StandardCharsets.UTF_8);
  }

  /** The user named by a {@code USER:SECRET} credential, if the secret is this server's. */
  Optional<String> user(String credential) {
    int colon = credential.lastIndexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    byte[] given = credential.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, secret) ? Optional.of(credential.substring(0, colon)) : Optional.empty();
  }
}
