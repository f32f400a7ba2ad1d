package org.nsbed.server.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.catalog.Node;
import org.nsbed.provisioner.catalog.NodeAvailability;
import org.nsbed.scheduler.engine.Engine;

/** The testbed admins' Nodes page: every node with its state and reason; take a node down or free it. */
final class AdminPages {
  private final Engine engine;
  private final Templates templates;

  AdminPages(Engine engine, Templates templates) {
    this.engine = engine;
    this.templates = templates;
  }

  void nodes(Context ctx) {
    SignedIn.caller(ctx).requireAdmin();
    List<NodeLine> nodes = engine.db().read(s -> new CatalogRepository(s).nodes().stream().map(AdminPages::line)
        .toList());
    Map<String, Object> params = new HashMap<>();
    params.put("page", new Page("Nodes", "admin", SignedIn.caller(ctx), SignedIn.csrf(ctx)));
    params.put("nodes", nodes);
    templates.page(ctx, 200, "admin-nodes.jte", params);
  }

  void down(Context ctx) {
    SignedIn.caller(ctx).requireAdmin();
    new NodeAvailability(engine.db()).down(SignedIn.caller(ctx).user(), List.of(ctx.pathParam("node")),
        ctx.formParam("reason"));
    ctx.redirect("/admin/nodes", HttpStatus.SEE_OTHER);
  }

  void free(Context ctx) {
    SignedIn.caller(ctx).requireAdmin();
    new NodeAvailability(engine.db()).free(SignedIn.caller(ctx).user(), List.of(ctx.pathParam("node")));
    ctx.redirect("/admin/nodes", HttpStatus.SEE_OTHER);
  }

  private static NodeLine line(Node n) {
    return new NodeLine(n.name(), n.type().name(), n.state().label(),
        n.experiment() == null ? null : n.experiment().project().pid() + "/" + n.experiment().eid(), n.vname(),
        n.downReason());
  }
}
