package org.nsbed.server.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.nsbed.provisioner.catalog.ImageFormException;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.server.api.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web pages at {@code /}: sign-in, experiments, consoles, images and OSIDs, and the admin's
 * nodes. Every page acts for the signed-in user through the same scheduler and catalogue
 * operations as the API, which check the project rules in their transactions; the pages check
 * them first as the API does, so another project's experiment is a 403 whether it exists or not.
 *
 * <p>Every request but the sign-in page and the static files needs a session; every POST needs
 * the CSRF token of its session in the form field {@code csrf}.
 */
public final class WebRoutes implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebRoutes.class);

  private final SignedIn signedIn;
  private final Templates templates = new Templates();
  private final SignInPages signInPages;
  private final ExperimentPages experimentPages;
  private final NodePages nodePages;
  private final NsFilePages nsFilePages;
  private final ImagePages imagePages;
  private final AdminPages adminPages;
  private final LiveUpdates live;

  public WebRoutes(Engine engine) {
    this.signedIn = new SignedIn(engine.db());
    this.live = new LiveUpdates(engine, templates);
    this.signInPages = new SignInPages(engine.db(), signedIn, templates);
    this.experimentPages = new ExperimentPages(engine, templates, live);
    this.nodePages = new NodePages(engine, templates, live);
    this.nsFilePages = new NsFilePages(engine, templates, experimentPages);
    this.imagePages = new ImagePages(engine, templates);
    this.adminPages = new AdminPages(engine, templates);
  }

  /** True for the paths the pages answer (everything outside the API). */
  public static boolean isPage(String path) {
    return !path.startsWith("/api/");
  }

  /** Registers the pages and their session and CSRF checks (the server adds the static files). */
  public void register(RoutesConfig routes) {
    routes.before(this::requireSession);
    routes.get("/", ctx -> ctx.redirect("/experiments", HttpStatus.SEE_OTHER));
    routes.get("/signin", guarded(signInPages::form));
    routes.post("/signin", guarded(signInPages::signIn));
    routes.post("/signout", guarded(signInPages::signOut));
    routes.get("/experiments", guarded(experimentPages::list));
    routes.get("/experiments/new", guarded(nsFilePages::beginForm));
    routes.post("/experiments/new", guarded(nsFilePages::begin));
    routes.post("/experiments/new/check", guarded(nsFilePages::check));
    String experiment = "/experiments/{pid}/{eid}";
    routes.get(experiment + "/modify", guarded(nsFilePages::modifyForm));
    routes.post(experiment + "/modify", guarded(nsFilePages::modify));
    routes.get(experiment, guarded(experimentPages::show));
    routes.before(experiment + "/live", refusing(experimentPages::checkLive));
    routes.sse(experiment + "/live", experimentPages::live);
    routes.post(experiment + "/swapin", guarded(experimentPages::swapIn));
    routes.post(experiment + "/swapout", guarded(experimentPages::swapOut));
    routes.post(experiment + "/terminate", guarded(experimentPages::terminate));
    routes.get("/nodes/{node}/console", guarded(nodePages::showConsole));
    routes.before("/nodes/{node}/console/live", refusing(nodePages::checkConsole));
    routes.sse("/nodes/{node}/console/live", nodePages::followConsole);
    routes.post("/nodes/{node}/reboot", guarded(nodePages::reboot));
    routes.post("/nodes/{node}/osload", guarded(nodePages::osLoad));
    routes.get("/images", guarded(imagePages::images));
    routes.get("/images/new", guarded(imagePages::form));
    routes.post("/images/new", guarded(imagePages::create));
    routes.get("/osids", guarded(imagePages::osids));
    routes.get("/admin/nodes", guarded(adminPages::nodes));
    routes.post("/admin/nodes/{node}/down", guarded(adminPages::down));
    routes.post("/admin/nodes/{node}/free", guarded(adminPages::free));
  }

  /** Stops the live streams. */
  @Override
  public void close() {
    live.close();
  }


  private void requireSession(Context ctx) {
    String path = ctx.path();
    if (!isPage(path) || path.startsWith("/static/") || path.startsWith("/webjars/")) {
      return;
    }
    boolean known = signedIn.find(ctx);
    if (path.equals("/signin")) {
      signedIn.prepareSignInForm(ctx);
    } else if (!known) {
      if (ctx.method() == HandlerType.GET) {
        ctx.redirect("/signin?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8),
            HttpStatus.SEE_OTHER);
      } else {
        error(ctx, 401, "sign in first");
      }
      ctx.skipRemainingHandlers();
      return;
    }
    if (ctx.method() == HandlerType.POST && !signedIn.csrfMatches(ctx, ctx.formParam(SignedIn.CSRF_FIELD))) {
      error(ctx, 403, "this form was not sent by a page of this server (its CSRF token is missing or wrong); "
          + "reload the page and send it again");
      ctx.skipRemainingHandlers();
    }
  }

  /** A before-handler that checks what its route will do; a refusal answers with the error page instead. */
  private Handler refusing(Handler check) {
    Handler guarded = guarded(check);
    return ctx -> {
      guarded.handle(ctx);
      if (ctx.statusCode() >= 400) {
        ctx.skipRemainingHandlers();
      }
    };
  }

  /** Runs a page's handler; a refusal becomes an error page with the status the API would answer. */
  private Handler guarded(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (ApiException e) {
        error(ctx, e.status(), e.getMessage());
      } catch (LifecycleException e) {
        error(ctx, switch (e.reason()) {
          case NOT_FOUND -> 404;
          case FORBIDDEN -> 403;
          case CONFLICT -> 409;
        }, e.getMessage());
      } catch (ImageFormException e) {
        error(ctx, 400, e.getMessage());
      } catch (RuntimeException e) {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        error(ctx, 500, "internal error; the server's log has the details");
      }
    };
  }

  /** Answers with the error page; a null message on a 404 says there is no such page. */
  public void error(Context ctx, int status, String message) {
    if (message == null) {
      message = status == 404 ? "there is no page at " + ctx.path() : "";
    }
    Map<String, Object> params = new HashMap<>();
    params.put("page", new Page(title(status), "", SignedIn.caller(ctx), SignedIn.csrf(ctx)));
    params.put("status", status);
    params.put("message", message);
    templates.page(ctx, status, "error.jte", params);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 401 -> "Sign in first";
      case 403 -> "Not allowed";
      case 404 -> "Not found";
      case 409 -> "Not now";
      default -> "Error";
    };
  }
}
