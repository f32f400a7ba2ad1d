package org.nsbed.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.nsbed.loader.image.ImageInfo;
import org.nsbed.provisioner.node.remote.HostCommand;
import org.nsbed.provisioner.node.remote.NodeHosts;
import org.nsbed.server.agent.AgentJson;
import org.nsbed.server.json.ExperimentJson;

/**
 * The calls of node host agents ({@code nsbed agent}; docs/server.md, "Node hosts"): register a
 * host, take its commands (a long poll), report its nodes' events and console output, upload the
 * image of a node it captured for create_image. An agent powers and loads machines and writes
 * images, so only testbed admins' tokens may make these calls.
 */
public final class AgentRoutes {
  /** How long a poll waits for a command before it answers with none. */
  public static final int POLL_SECONDS = 10;

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,29}");
  private static final Pattern SESSION = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern CAPTURE = SESSION;

  private final NodeHosts hosts;

  public AgentRoutes(NodeHosts hosts) {
    this.hosts = hosts;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/agents/{host}", this::registerHost);
    routes.get("/api/v1/agents/{host}/commands", this::commands);
    routes.post("/api/v1/agents/{host}/events", this::events);
    routes.post("/api/v1/agents/{host}/captures/{capture}", this::capture);
  }

  private void registerHost(Context ctx) {
    String host = host(ctx);
    ApiRoutes.json(ctx, 201, AgentJson.registration(hosts.register(host), POLL_SECONDS));
  }

  private void commands(Context ctx) throws InterruptedException {
    String host = host(ctx);
    String session = session(ctx);
    int wait = Requests.count(ctx, "wait", POLL_SECONDS, POLL_SECONDS);
    List<HostCommand> commands;
    try {
      commands = hosts.poll(host, session, Duration.ofSeconds(wait));
    } catch (NodeHosts.SessionEnded e) {
      throw ended(e);
    }
    var out = ExperimentJson.MAPPER.createObjectNode();
    var list = out.putArray("commands");
    commands.forEach(c -> list.add(AgentJson.command(c)));
    ApiRoutes.json(ctx, 200, out);
  }

  private void events(Context ctx) {
    String host = host(ctx);
    String session = session(ctx);
    AgentJson.Report report;
    try {
      JsonNode body = ExperimentJson.MAPPER.readTree(ctx.body());
      if (body == null || !body.isObject()) {
        throw ApiException.badRequest("the body must be a JSON object {\"events\": [...], \"console\": [...]}");
      }
      report = AgentJson.report(body);
      hosts.report(host, session, report.events(), report.console());
    } catch (IOException e) {
      throw ApiException.badRequest("the body is not JSON: " + e.getMessage());
    } catch (NodeHosts.SessionEnded e) {
      throw ended(e);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    ctx.status(204);
  }

  /**
   * The outcome of a capture: the image ({@code application/octet-stream}, streamed into the
   * descriptor's file) or why there is none ({@code {"error": "..."}}).
   */
  private void capture(Context ctx) {
    String host = host(ctx);
    String session = session(ctx);
    String capture = Requests.name(ctx.pathParam("capture"), CAPTURE, "capture id");
    try {
      if (ctx.contentType() != null && ctx.contentType().startsWith("application/json")) {
        hosts.captureFailed(host, session, capture, Requests.text(Requests.body(ctx), "error"));
        ctx.status(204);
        return;
      }
      ImageInfo image;
      try (InputStream in = ctx.req().getInputStream()) {
        image = hosts.receiveImage(host, session, capture, in);
      }
      ObjectNode out = ExperimentJson.MAPPER.createObjectNode();
      out.put("bytes", image.compressedBytes()).put("chunks", image.chunkCount());
      ApiRoutes.json(ctx, 201, out);
    } catch (NodeHosts.SessionEnded e) {
      throw ended(e);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("the image was not written: " + e.getMessage());
    }
  }

  /** The host of the path; the caller must be a testbed admin, and the testbed file must place nodes on it. */
  private String host(Context ctx) {
    ApiRoutes.caller(ctx).requireAdmin();
    String host = Requests.name(ctx.pathParam("host"), HOST, "node host name");
    if (!hosts.knows(host)) {
      throw ApiException.notFound("no node lives on node host '" + host + "': the testbed file places nodes on "
          + "hosts with host: (hosts: " + (hosts.hosts().isEmpty() ? "none" : String.join(", ", hosts.hosts())) + ")");
    }
    return host;
  }

  private static String session(Context ctx) {
    String session = ctx.queryParam("session");
    if (session == null || !SESSION.matcher(session).matches()) {
      throw ApiException.badRequest("query parameter 'session' must be the session the registration gave");
    }
    return session;
  }

  /** 409 when another agent took the host over (this one should stop), 404 when the session is unknown here. */
  private static ApiException ended(NodeHosts.SessionEnded e) {
    return new ApiException(e.superseded() ? 409 : 404, e.getMessage());
  }
}
