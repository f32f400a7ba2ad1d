package org.nsbed.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.nsbed.provisioner.access.Principals;
import org.nsbed.provisioner.catalog.Catalogue;
import org.nsbed.provisioner.catalog.ImageDescriptors;
import org.nsbed.provisioner.catalog.ImageFormException;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.swap.IdleSwapJob;
import org.nsbed.provisioner.node.NodeDrivers;
import org.nsbed.provisioner.node.remote.NodeHosts;
import org.nsbed.server.api.AgentRoutes;
import org.nsbed.server.api.ApiException;
import org.nsbed.server.api.ApiRoutes;
import org.nsbed.server.api.Authentication;
import org.nsbed.server.api.EventStreams;
import org.nsbed.server.api.LocalCredential;
import org.nsbed.server.json.ExperimentJson;
import org.nsbed.server.web.WebRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code nsbed server}: the testbed's long-running service (the reference's {@code boss}). It
 * runs the scheduler for as long as it lives, so every job runs as soon as it is due, and serves
 * the HTTP API on Javalin (Jetty 12) under {@code /api/v1} and the web pages at {@code /}.
 *
 * <p>Errors are JSON ({@code {"error": {"status", "message", "diagnostics"}}}) with the status
 * the refusal calls for; an unexpected failure is logged here with its stack trace and answered
 * with a 500 that shows none of it.
 */
public final class NsbedServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NsbedServer.class);

  /** Request bodies above this are refused with 413 before they are read (an NS file is at most 1 MiB). */
  static final long MAX_REQUEST_BYTES = (1 << 20) + (64 << 10);

  /**
   * Request threads. The database pool serves a few at a time and the machine has a couple of
   * cores, so more threads would only wait; some spare ones keep reads going while NS files are
   * parsed (each parse waits for a separate JVM). Event streams hold no request thread.
   */
  static final int MAX_REQUEST_THREADS = 32;

  private final Javalin app;
  private final EventStreams events;
  private final WebRoutes web;
  private final String name;

  private NsbedServer(Javalin app, EventStreams events, WebRoutes web, String name) {
    this.app = app;
    this.events = events;
    this.web = web;
    this.name = name;
  }

  /**
   * Starts the scheduler and the HTTP server on {@code bind}:{@code port} (0 picks a free port).
   *
   * @param db the database {@code engine} works on, for the catalogue and the users
   * @param name this server's name, as {@code GET /api/v1/health} and the cluster know it
   * @param local the credential of commands run on the server's home
   */
  public static NsbedServer start(Engine engine, Database db, String name, String bind, int port,
      LocalCredential local) {
    Principals principals = new Principals(db);
    Authentication authentication = new Authentication(principals, local);
    EventStreams events = new EventStreams(engine, principals);
    ApiRoutes api = new ApiRoutes(engine, new Catalogue(db), new ImageDescriptors(db, engine.settings().home()));
    // Without node hosts in the testbed file the agent calls answer 404 for every host.
    AgentRoutes agents = new AgentRoutes(engine.driver() instanceof NodeDrivers drivers ? drivers.hosts()
        : new NodeHosts(engine.settings().home(), Map.of(), 1.0));
    WebRoutes web = new WebRoutes(engine, db);
    String openApi = resource("openapi.json");
    Javalin app = Javalin.create(config -> {
      config.jetty.host = bind;
      config.jetty.port = port;
      config.jetty.threadPool = new QueuedThreadPool(MAX_REQUEST_THREADS, 4, 60_000);
      config.http.maxRequestSize = MAX_REQUEST_BYTES;
      config.startup.showJavalinBanner = false;
      config.staticFiles.add(files -> {
        files.hostedPath = "/static";
        files.directory = "/org/nsbed/server/web/static";
        files.location = Location.CLASSPATH;
      });
      config.staticFiles.enableWebjars();
      config.routes.get("/api/v1/health", ctx -> ctx.contentType("application/json")
          .result(ExperimentJson.MAPPER.createObjectNode().put("status", "ok").put("server", name).toString()));
      config.routes.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
      config.routes.before("/api/v1/*", ctx -> {
        if (!ctx.path().equals("/api/v1/health") && !ctx.path().equals("/api/v1/openapi.json")) {
          authentication.handle(ctx);
        }
      });
      config.routes.before("/api/v1/events", events::check);
      config.routes.sse("/api/v1/events", events::open);
      api.register(config.routes);
      agents.register(config.routes);
      web.register(config.routes);
      config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(),
          err -> err.set("diagnostics", ExperimentJson.MAPPER.valueToTree(e.diagnostics()))));
      config.routes.exception(LifecycleException.class, (e, ctx) -> error(ctx, switch (e.reason()) {
        case NOT_FOUND -> 404;
        case FORBIDDEN -> 403;
        case CONFLICT -> 409;
      }, e.getMessage()));
      config.routes.exception(ImageFormException.class, (e, ctx) -> error(ctx, 400, e.getMessage(),
          err -> err.put("field", e.field())));
      config.routes.exception(HttpResponseException.class, (e, ctx) -> {
        if (WebRoutes.isPage(ctx.path())) {
          web.error(ctx, e.getStatus(), e.getStatus() == 404 ? null : e.getMessage());
        } else {
          error(ctx, e.getStatus(), e.getMessage());
        }
      });
      config.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        error(ctx, 500, "internal error; the server's log has the details");
      });
      config.routes.error(404, ctx -> {
        if (WebRoutes.isPage(ctx.path())) {
          if (ctx.result() == null || ctx.result().isEmpty()) {
            web.error(ctx, 404, null);
          }
        } else if (ctx.result() == null || ctx.result().isEmpty() || !ctx.result().startsWith("{")) {
          error(ctx, 404, "no such API call: " + ctx.method() + " " + ctx.path());
        }
      });
      config.routes.error(405, ctx -> error(ctx, 405, "method " + ctx.method() + " is not allowed on " + ctx.path()));
      config.routes.error(413, ctx -> error(ctx, 413, "the request body is larger than " + (MAX_REQUEST_BYTES >> 10)
          + " KiB"));
    });
    engine.startScheduler();
    IdleSwapJob.schedule(engine);
    app.start();
    return new NsbedServer(app, events, web, name);
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  public String name() {
    return name;
  }

  /** Stops taking requests and closes the event streams; the engine's owner stops the scheduler. */
  @Override
  public void close() {
    events.close();
    web.close();
    app.stop();
  }

  private static void error(Context ctx, int status, String message) {
    error(ctx, status, message, e -> { });
  }

  /** Answers {@code {"error": {"status", "message", "diagnostics": []}}}; {@code details} adds to the error object. */
  private static void error(Context ctx, int status, String message, Consumer<ObjectNode> details) {
    ObjectNode root = ExperimentJson.MAPPER.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("status", status);
    error.put("message", message == null ? "" : message);
    error.putArray("diagnostics");
    details.accept(error);
    ctx.status(status).contentType("application/json").result(root.toString());
  }

  private static String resource(String name) {
    try (InputStream in = NsbedServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
