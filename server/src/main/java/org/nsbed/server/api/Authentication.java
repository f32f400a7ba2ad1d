package org.nsbed.server.api;

import io.javalin.http.Context;
import java.util.Optional;
import org.nsbed.provisioner.access.Principals;

/**
 * Finds the caller of an API request from its {@code Authorization: Bearer TOKEN} header and
 * answers 401 when there is no valid token. The token and the caller's projects are read on every
 * request, in one query ({@link Principals#ofToken}), so a revoked token or a membership removed
 * from the testbed file takes effect on the next call.
 */
public final class Authentication {
  static final String CALLER = "nsbed.caller";

  private final Principals principals;
  private final LocalCredential local;

  public Authentication(Principals principals, LocalCredential local) {
    this.principals = principals;
    this.local = local;
  }

  /** A before-handler for the API: sets the caller, or refuses with 401. */
  public void handle(Context ctx) {
    String header = ctx.header("Authorization");
    String localPrefix = LocalCredential.SCHEME + " ";
    if (header != null && header.startsWith(localPrefix)) {
      ctx.attribute(CALLER, local.user(header.substring(localPrefix.length()))
          .flatMap(principals::ofUser).map(Caller::of)
          .orElseThrow(() -> new ApiException(401, "the local credential is not this server's, or names an "
              + "unknown user; the testbed file lists the users (or use --user)")));
      return;
    }
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiException(401, "an API token is required: Authorization: Bearer TOKEN "
          + "(nsbed user token create USER makes one)");
    }
    String token = header.substring(7).strip();
    Optional<Caller> found = principals.ofToken(token).map(Caller::of);
    Caller caller = found.orElseThrow(() -> {
      ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      return new ApiException(401, "the API token is not valid (unknown or revoked)");
    });
    ctx.attribute(CALLER, caller);
  }
}
