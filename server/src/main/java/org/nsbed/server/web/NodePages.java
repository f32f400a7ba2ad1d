package org.nsbed.server.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nsbed.provisioner.node.ConsoleLog;
import org.nsbed.provisioner.node.ConsoleText;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.node.NodeOperations;

/** A node's console page, and reboot and os_load of a node from the experiment page. */
final class NodePages {
  private final Engine engine;
  private final Templates templates;
  private final LiveUpdates live;

  NodePages(Engine engine, Templates templates, LiveUpdates live) {
    this.engine = engine;
    this.templates = templates;
    this.live = live;
  }

  private NodeOperations nodes() {
    return new NodeOperations(engine);
  }

  private ConsoleLog console(Context ctx) {
    return nodes().console(SignedIn.caller(ctx).user(), ctx.pathParam("node"));
  }

  void showConsole(Context ctx) {
    ConsoleText text = console(ctx).read(0);
    Map<String, Object> params = new HashMap<>();
    String node = ctx.pathParam("node");
    params.put("page", new Page("Console of " + node, "experiments", SignedIn.caller(ctx), SignedIn.csrf(ctx)));
    params.put("node", node);
    params.put("text", text.text());
    params.put("offset", text.nextOffset());
    templates.page(ctx, 200, "console.jte", params);
  }

  /** Before the console stream opens: the same check as the page. */
  void checkConsole(Context ctx) {
    console(ctx);
  }

  void followConsole(SseClient client) {
    Context ctx = client.ctx();
    long offset;
    try {
      offset = Math.max(0, Long.parseLong(ctx.queryParam("offset")));
    } catch (NumberFormatException e) {
      offset = 0;
    }
    live.console(client, console(ctx), offset);
  }

  void reboot(Context ctx) {
    nodes().reboot(SignedIn.caller(ctx).user(), List.of(ctx.pathParam("node")));
    back(ctx);
  }

  /** os_load with the chosen image ({@code pid/name}), or the node type's default image when none is chosen. */
  void osLoad(Context ctx) {
    String image = ctx.formParam("image");
    nodes().osLoad(SignedIn.caller(ctx).user(), List.of(ctx.pathParam("node")), null,
        image == null || image.isBlank() ? null : image, null, true, false);
    back(ctx);
  }

  /** Back to the page the form was on: an experiment page of this server, else the experiments list. */
  private static void back(Context ctx) {
    String back = ctx.formParam("back");
    ctx.redirect(back != null && back.matches("/experiments/[A-Za-z0-9_-]+/[A-Za-z0-9-]+") ? back : "/experiments",
        HttpStatus.SEE_OTHER);
  }
}
