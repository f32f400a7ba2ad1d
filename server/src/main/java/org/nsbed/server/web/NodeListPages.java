package org.nsbed.server.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nsbed.provisioner.catalog.Catalogue;
import org.nsbed.provisioner.catalog.NodeAvailability;
import org.nsbed.provisioner.catalog.NodeListing;
import org.nsbed.server.api.Caller;

/**
 * The Nodes page: the nodes a user may see, as {@code node list} and the API show them (free and
 * down ones, and those of their projects' experiments; admins see every node), and for admins the
 * forms that take a node down or free it.
 */
final class NodeListPages {
  private final Catalogue catalogue;
  private final NodeAvailability availability;
  private final Templates templates;

  NodeListPages(Catalogue catalogue, NodeAvailability availability, Templates templates) {
    this.catalogue = catalogue;
    this.availability = availability;
    this.templates = templates;
  }

  void nodes(Context ctx) {
    Caller caller = SignedIn.caller(ctx);
    List<NodeLine> nodes = caller.visible(catalogue.nodes()).stream().map(NodeListPages::line)
        .toList();
    Map<String, Object> params = new HashMap<>();
    params.put("page", new Page("Nodes", "nodes", caller, SignedIn.csrf(ctx)));
    params.put("nodes", nodes);
    params.put("admin", caller.admin());
    templates.page(ctx, 200, "nodes.jte", params);
  }

  void down(Context ctx) {
    SignedIn.caller(ctx).requireAdmin();
    availability.down(SignedIn.caller(ctx).user(), List.of(ctx.pathParam("node")),
        ctx.formParam("reason"));
    ctx.redirect("/nodes", HttpStatus.SEE_OTHER);
  }

  void free(Context ctx) {
    SignedIn.caller(ctx).requireAdmin();
    availability.free(SignedIn.caller(ctx).user(), List.of(ctx.pathParam("node")));
    ctx.redirect("/nodes", HttpStatus.SEE_OTHER);
  }

  private static NodeLine line(NodeListing n) {
    return new NodeLine(n.name(), n.type(), n.state().label(), n.pid() == null ? null : n.pid() + "/" + n.eid(),
        n.vname(), n.downReason());
  }
}
