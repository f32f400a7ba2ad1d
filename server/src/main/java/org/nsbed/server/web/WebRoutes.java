package org.nsbed.server.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.nsbed.provisioner.access.Credentials;
import org.nsbed.provisioner.access.Principals;
import org.nsbed.provisioner.access.WebSessions;
import org.nsbed.provisioner.catalog.Catalogue;
import org.nsbed.provisioner.catalog.ImageDescriptors;
import org.nsbed.provisioner.catalog.ImageFormException;
import org.nsbed.provisioner.catalog.NodeAvailability;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.server.api.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web pages at {@code /}: sign-in, experiments, consoles, images and OSIDs, and nodes (which
 * admins take down and free). Every page acts for the signed-in user through the same scheduler
 * and catalogue operations as the API, which check the project rules in their transactions; the
 * pages check them first as the API does, so another project's experiment is a 403 whether it
 * exists or not.
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
  private final NodeListPages nodeListPages;
  private final LiveUpdates live;

  /** The pages of {@code engine}, whose database {@code db} is, for the catalogue and the users' credentials. */
  public WebRoutes(Engine engine, Database db) {
    Catalogue catalogue = new Catalogue(db);
    ImageDescriptors descriptors = new ImageDescriptors(db, engine.settings().home());
    this.signedIn = new SignedIn(new WebSessions(db), new Principals(db));
    this.live = new LiveUpdates(engine, templates);
    this.signInPages = new SignInPages(new Credentials(db), signedIn, templates);
    this.experimentPages = new ExperimentPages(engine, descriptors, templates, live);
    this.nodePages = new NodePages(engine, templates, live);
    this.nsFilePages = new NsFilePages(engine, catalogue, templates, experimentPages);
    this.imagePages = new ImagePages(engine, descriptors, catalogue, templates);
    this.nodeListPages = new NodeListPages(catalogue, new NodeAvailability(db), templates);
  }

  /** True for the paths the pages answer (everything outside the API). */
  public static boolean isPage(String path) {
    return !path.startsWith("/api/");
  }

  /**
   * Every page and form, as {@code METHOD path}. The security tests check each of them for who may
   * and may not use it; the server refuses to start if a route is registered that is not listed here.
   */
  public static final List<String> ROUTES = List.of(
      "GET /",
      "GET /login",
      "POST /login",
      "POST /signout",
      "GET /experiments",
      "GET /experiments/new",
      "POST /experiments/new",
      "POST /experiments/new/check",
      "GET /experiments/{pid}/{eid}/modify",
      "POST /experiments/{pid}/{eid}/modify",
      "GET /experiments/{pid}/{eid}",
      "GET /experiments/{pid}/{eid}/live",
      "POST /experiments/{pid}/{eid}/swapin",
      "POST /experiments/{pid}/{eid}/swapout",
      "POST /experiments/{pid}/{eid}/terminate",
      "GET /nodes/{node}/console",
      "GET /nodes/{node}/console/live",
      "POST /nodes/{node}/reboot",
      "POST /nodes/{node}/osload",
      "GET /images",
      "GET /images/new",
      "POST /images/new",
      "GET /osids",
      "GET /nodes",
      "POST /admin/nodes/{node}/down",
      "POST /admin/nodes/{node}/free");

  /** Registers the pages and their session and CSRF checks (the server adds the static files). */
  public void register(RoutesConfig routes) {
    List<String> registered = new ArrayList<>();
    routes.before(this::requireSession);
    get(routes, registered, "/", ctx -> ctx.redirect("/experiments", HttpStatus.SEE_OTHER));
    get(routes, registered, "/login", signInPages::form);
    post(routes, registered, "/login", signInPages::signIn);
    post(routes, registered, "/signout", signInPages::signOut);
    get(routes, registered, "/experiments", experimentPages::list);
    get(routes, registered, "/experiments/new", nsFilePages::beginForm);
    post(routes, registered, "/experiments/new", nsFilePages::begin);
    post(routes, registered, "/experiments/new/check", nsFilePages::check);
    String experiment = "/experiments/{pid}/{eid}";
    get(routes, registered, experiment + "/modify", nsFilePages::modifyForm);
    post(routes, registered, experiment + "/modify", nsFilePages::modify);
    get(routes, registered, experiment, experimentPages::show);
    routes.before(experiment + "/live", refusing(experimentPages::checkLive));
    routes.sse(experiment + "/live", experimentPages::live);
    registered.add("GET " + experiment + "/live");
    post(routes, registered, experiment + "/swapin", experimentPages::swapIn);
    post(routes, registered, experiment + "/swapout", experimentPages::swapOut);
    post(routes, registered, experiment + "/terminate", experimentPages::terminate);
    get(routes, registered, "/nodes/{node}/console", nodePages::showConsole);
    routes.before("/nodes/{node}/console/live", refusing(nodePages::checkConsole));
    routes.sse("/nodes/{node}/console/live", nodePages::followConsole);
    registered.add("GET /nodes/{node}/console/live");
    post(routes, registered, "/nodes/{node}/reboot", nodePages::reboot);
    post(routes, registered, "/nodes/{node}/osload", nodePages::osLoad);
    get(routes, registered, "/images", imagePages::images);
    get(routes, registered, "/images/new", imagePages::form);
    post(routes, registered, "/images/new", imagePages::create);
    get(routes, registered, "/osids", imagePages::osids);
    get(routes, registered, "/nodes", nodeListPages::nodes);
    post(routes, registered, "/admin/nodes/{node}/down", nodeListPages::down);
    post(routes, registered, "/admin/nodes/{node}/free", nodeListPages::free);
    if (!new HashSet<>(registered).equals(new HashSet<>(ROUTES)) || registered.size() != ROUTES.size()) {
      throw new IllegalStateException("the pages registered " + registered + " are not the pages listed in "
          + "WebRoutes.ROUTES " + ROUTES);
    }
  }

  private void get(RoutesConfig routes, List<String> registered, String path, Handler handler) {
    routes.get(path, guarded(handler));
    registered.add("GET " + path);
  }

  private void post(RoutesConfig routes, List<String> registered, String path, Handler handler) {
    routes.post(path, guarded(handler));
    registered.add("POST " + path);
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
    if (path.equals("/login")) {
      signedIn.prepareSignInForm(ctx);
    } else if (!known) {
      if (ctx.method() == HandlerType.GET) {
        ctx.redirect("/login?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8),
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
