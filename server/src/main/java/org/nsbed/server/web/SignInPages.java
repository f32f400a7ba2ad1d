package org.nsbed.server.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.nsbed.provisioner.access.Credentials;

/** Signing in with a user name and password ({@code nsbed user passwd} sets it), and signing out. */
final class SignInPages {
  private final Credentials credentials;
  private final SignedIn signedIn;
  private final Templates templates;

  SignInPages(Credentials credentials, SignedIn signedIn, Templates templates) {
    this.credentials = credentials;
    this.signedIn = signedIn;
    this.templates = templates;
  }

  void form(Context ctx) {
    show(ctx, 200, "", "");
  }

  void signIn(Context ctx) {
    String user = ctx.formParam("username");
    Optional<String> known = credentials.checkPassword(user, ctx.formParam("password"));
    if (known.isEmpty()) {
      show(ctx, 401, user == null ? "" : user, "Wrong user name or password.");
      return;
    }
    signedIn.signIn(ctx, known.get());
    ctx.redirect(next(ctx.formParam("next")), HttpStatus.SEE_OTHER);
  }

  void signOut(Context ctx) {
    signedIn.signOut(ctx);
    ctx.redirect("/login", HttpStatus.SEE_OTHER);
  }

  private void show(Context ctx, int status, String user, String error) {
    Map<String, Object> params = new HashMap<>();
    params.put("page", new Page("Sign in", "signin", null, SignedIn.csrf(ctx)));
    params.put("user", user);
    params.put("next", next(Optional.ofNullable(ctx.formParam("next")).orElse(ctx.queryParam("next"))));
    params.put("error", error);
    templates.page(ctx, status, "login.jte", params);
  }

  /** Where to go after signing in: a path of this server only, never another site. */
  private static String next(String next) {
    return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")
        && !next.startsWith("/login") ? next : "/experiments";
  }
}
