package org.nsbed.server.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.nsbed.provisioner.access.Principals;
import org.nsbed.provisioner.access.WebSessions;
import org.nsbed.server.api.Caller;

/**
 * Who is signed in to the web pages, and the CSRF token of every form they post.
 *
 * <p>The session cookie holds a secret whose hash the database keeps ({@link WebSessions}), so
 * every server on the database recognises it. The cookie is HttpOnly (no script reads it) and
 * SameSite=Lax (no other site's form posts with it). The CSRF token of a session is derived from
 * the session's secret, so any server can check it without storing it; forms before sign-in
 * carry a token that must match a cookie of their own (the double-submit pattern), which keeps
 * another site from signing a browser in to an account of its choosing.
 */
final class SignedIn {
  static final String SESSION_COOKIE = "nsbed_session";
  static final String SIGNIN_COOKIE = "nsbed_signin";
  static final String CSRF_FIELD = "csrf";
  private static final String CALLER = "nsbed.web.caller";
  private static final String TOKEN = "nsbed.web.session";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final WebSessions sessions;
  private final Principals principals;

  SignedIn(WebSessions sessions, Principals principals) {
    this.sessions = sessions;
    this.principals = principals;
  }

  /** Finds the session of a request and puts its caller on it; false if nobody is signed in. */
  boolean find(Context ctx) {
    String token = ctx.cookie(SESSION_COOKIE);
    Optional<Caller> caller = sessions.user(token).flatMap(principals::ofUser).map(Caller::of);
    if (caller.isEmpty()) {
      return false;
    }
    ctx.attribute(CALLER, caller.get());
    ctx.attribute(TOKEN, token);
    return true;
  }

  /** The caller of a request that {@link #find} accepted. */
  static Caller caller(Context ctx) {
    return ctx.attribute(CALLER);
  }

  /** The CSRF token every form of this request's page carries. */
  static String csrf(Context ctx) {
    String token = ctx.attribute(TOKEN);
    return token == null ? ctx.attribute(SIGNIN_COOKIE) : derive(token);
  }

  /** True if a posted form carries the token of its session (or, before sign-in, of its sign-in cookie). */
  boolean csrfMatches(Context ctx, String posted) {
    String token = ctx.attribute(TOKEN);
    String expected = token != null ? derive(token) : ctx.cookie(SIGNIN_COOKIE);
    return posted != null && expected != null
        && MessageDigest.isEqual(posted.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  /** Gives the sign-in form a token of its own, matched by a cookie. */
  void prepareSignInForm(Context ctx) {
    String value = ctx.cookie(SIGNIN_COOKIE);
    if (value == null || value.length() != 43) {
      value = random();
      ctx.cookie(cookie(SIGNIN_COOKIE, value, -1));
    }
    ctx.attribute(SIGNIN_COOKIE, value);
  }

  /** Starts a session for {@code user} and sets its cookie. */
  void signIn(Context ctx, String user) {
    ctx.cookie(cookie(SESSION_COOKIE, sessions.start(user), (int) WebSessions.LIFETIME.toSeconds()));
    ctx.removeCookie(SIGNIN_COOKIE, "/");
  }

  /** Ends the request's session and clears its cookie. */
  void signOut(Context ctx) {
    sessions.end(ctx.attribute(TOKEN));
    ctx.cookie(cookie(SESSION_COOKIE, "", 0));
  }

  private static Cookie cookie(String name, String value, int maxAge) {
    return new Cookie(name, value, "/", maxAge, false, true, null, SameSite.LAX);
  }

  private static String derive(String sessionToken) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(("csrf:" + sessionToken).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
