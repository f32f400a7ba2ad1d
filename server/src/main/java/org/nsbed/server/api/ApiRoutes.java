package org.nsbed.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.nsbed.interpreter.NsParser;
import org.nsbed.interpreter.ParseMode;
import org.nsbed.interpreter.ParseRequest;
import org.nsbed.interpreter.ParseResult;
import org.nsbed.provisioner.catalog.Catalogue;
import org.nsbed.provisioner.catalog.ImageDescriptors;
import org.nsbed.provisioner.catalog.NewImage;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentView;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.node.ConsoleInterface;
import org.nsbed.provisioner.node.ConsoleText;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.node.NodeOperations;
import org.nsbed.scheduler.swap.ExperimentOperations;
import org.nsbed.server.json.CatalogJson;
import org.nsbed.server.json.ExperimentJson;

/**
 * The calls of {@code /api/v1} (docs/server.md). Each handler reads
 * the {@link Caller} that {@link Authentication} put on the request, checks the project rules
 * first, and then asks the scheduler's operations, which check them again in their transaction.
 */
public final class ApiRoutes {
  /** Every route: method and path as the OpenAPI document lists them. */
  public static final List<String> ROUTES = List.of(
      "GET /api/v1/health",
      "GET /api/v1/openapi.json",
      "GET /api/v1/experiments",
      "POST /api/v1/experiments",
      "GET /api/v1/experiments/{pid}/{eid}",
      "DELETE /api/v1/experiments/{pid}/{eid}",
      "POST /api/v1/experiments/{pid}/{eid}/swapin",
      "POST /api/v1/experiments/{pid}/{eid}/swapout",
      "PUT /api/v1/experiments/{pid}/{eid}/nsfile",
      "GET /api/v1/operations",
      "GET /api/v1/operations/{id}",
      "GET /api/v1/events",
      "GET /api/v1/nodes",
      "POST /api/v1/nodes/{node}/reload",
      "POST /api/v1/reloads",
      "POST /api/v1/nodes/{node}/reboot",
      "POST /api/v1/reboots",
      "GET /api/v1/nodes/{node}/console",
      "POST /api/v1/nodes/{node}/console",
      "GET /api/v1/images",
      "POST /api/v1/images",
      "POST /api/v1/images/{pid}/{name}/capture",
      "GET /api/v1/osids",
      "POST /api/v1/agents/{host}",
      "GET /api/v1/agents/{host}/commands",
      "POST /api/v1/agents/{host}/events",
      "POST /api/v1/agents/{host}/captures/{capture}");

  private static final Pattern OPERATION_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
  /** Log lines of an experiment's GET unless {@code ?log=N} asks for another number. */
  static final int LOG_LINES = 100;
  private static final int MAX_LOG_LINES = 10_000;

  private final Engine engine;
  private final Catalogue catalogue;
  private final ImageDescriptors descriptors;

  public ApiRoutes(Engine engine, Catalogue catalogue, ImageDescriptors descriptors) {
    this.engine = engine;
    this.catalogue = catalogue;
    this.descriptors = descriptors;
  }

  /** Registers the experiment, operation, node and image calls. */
  public void register(RoutesConfig routes) {
    routes.get("/api/v1/experiments", this::listExperiments);
    routes.post("/api/v1/experiments", this::startExperiment);
    routes.get("/api/v1/experiments/{pid}/{eid}", this::showExperiment);
    routes.delete("/api/v1/experiments/{pid}/{eid}", ctx -> accepted(ctx, experiments().end(
        pid(ctx), eid(ctx), caller(ctx).user())));
    routes.post("/api/v1/experiments/{pid}/{eid}/swapin", ctx -> accepted(ctx, experiments().swapIn(
        pid(ctx), eid(ctx), caller(ctx).user())));
    routes.post("/api/v1/experiments/{pid}/{eid}/swapout", ctx -> accepted(ctx, experiments().swapOut(
        pid(ctx), eid(ctx), caller(ctx).user())));
    routes.put("/api/v1/experiments/{pid}/{eid}/nsfile", this::modifyExperiment);
    routes.get("/api/v1/operations", this::listOperations);
    routes.get("/api/v1/operations/{id}", this::showOperation);
    routes.get("/api/v1/nodes", this::listNodes);
    routes.post("/api/v1/nodes/{node}/reload", ctx -> reload(ctx, List.of(node(ctx))));
    routes.post("/api/v1/reloads", this::reloadNodes);
    routes.post("/api/v1/nodes/{node}/reboot", ctx -> accepted(ctx, nodes().reboot(caller(ctx).user(),
        List.of(node(ctx)))));
    routes.post("/api/v1/reboots", ctx -> accepted(ctx, nodes().reboot(caller(ctx).user(),
        nodeList(Requests.body(ctx)))));
    routes.get("/api/v1/nodes/{node}/console", this::console);
    routes.post("/api/v1/nodes/{node}/console", this::typeOnConsole);
    routes.get("/api/v1/images", ctx -> json(ctx, 200, descriptors.list(caller(ctx).user()).stream()
        .map(CatalogJson::image).toList()));
    routes.post("/api/v1/images", this::createImage);
    routes.post("/api/v1/images/{pid}/{name}/capture", this::captureImage);
    routes.get("/api/v1/osids", ctx -> json(ctx, 200, descriptors.osids(caller(ctx).user()).stream()
        .map(CatalogJson::osid).toList()));
  }

  static Caller caller(Context ctx) {
    return ctx.attribute(Authentication.CALLER);
  }

  private ExperimentOperations experiments() {
    return new ExperimentOperations(engine);
  }

  private NodeOperations nodes() {
    return new NodeOperations(engine);
  }

  /** The project of a path, which the caller must act in (403 before anything is looked up). */
  private static String pid(Context ctx) {
    String pid = Requests.name(ctx.pathParam("pid"), Requests.PID, "project");
    caller(ctx).requireProject(pid);
    return pid;
  }

  private static String eid(Context ctx) {
    return Requests.name(ctx.pathParam("eid"), Requests.EID, "experiment name");
  }

  private static String node(Context ctx) {
    return Requests.name(ctx.pathParam("node"), Requests.NODE, "node name");
  }

  private void listExperiments(Context ctx) {
    ArrayNode out = ExperimentJson.MAPPER.createArrayNode();
    for (ExperimentView v : experiments().visibleTo(caller(ctx).user())) {
      out.add(ExperimentJson.expinfo(v));
    }
    json(ctx, 200, out);
  }

  /** The expinfo object with the last {@code ?log=N} lines of the log ({@value #LOG_LINES} unless asked). */
  private void showExperiment(Context ctx) {
    int logLines = Requests.count(ctx, "log", LOG_LINES, MAX_LOG_LINES);
    json(ctx, 200, ExperimentJson.expinfoWithLog(experiments().view(pid(ctx), eid(ctx), caller(ctx).principal(),
        logLines)));
  }

  private void startExperiment(Context ctx) {
    ObjectNode body = Requests.body(ctx);
    String pid = Requests.name(Requests.text(body, "pid"), Requests.PID, "project");
    String eid = Requests.name(Requests.text(body, "eid"), Requests.EID, "experiment name");
    String nsText = Requests.nsFile(Requests.text(body, "nsFile"));
    String description = Requests.optionalText(body, "description");
    if (description != null && description.length() > 255) {
      throw ApiException.badRequest("field 'description' has more than 255 characters");
    }
    Integer maxDuration = Requests.optionalPositive(body, "maxDurationMinutes");
    Integer idleSwap = Requests.optionalPositive(body, "idleSwapMinutes");
    boolean swapIn = Requests.flag(body, "swapIn");
    String fileName = Requests.optionalText(body, "nsFileName");
    Caller caller = caller(ctx);
    caller.requireProject(pid);
    ParseResult parsed = parse(pid, eid, nsText, fileName == null ? eid + ".ns" : fileName);
    experiments().create(pid, eid, caller.user(), description, nsText, parsed.toJson(), maxDuration, idleSwap);
    Operation op = swapIn ? experiments().swapIn(pid, eid, caller.user()) : null;
    ObjectNode out = ExperimentJson.expinfo(experiments().view(pid, eid, caller.user()));
    if (op != null) {
      out.put("operation", op.id());
    }
    out.set("diagnostics", ExperimentJson.MAPPER.valueToTree(parsed.diagnostics()));
    json(ctx, 201, out);
  }

  private void modifyExperiment(Context ctx) {
    String pid = pid(ctx);
    String eid = eid(ctx);
    experiments().view(pid, eid, caller(ctx).user());
    String nsText = Requests.nsFile(ctx.body());
    ParseResult parsed = parse(pid, eid, nsText, eid + ".ns");
    Operation op = experiments().modify(pid, eid, caller(ctx).user(), nsText, parsed.toJson());
    ObjectNode out = ExperimentJson.MAPPER.createObjectNode();
    if (op == null) {
      out.putNull("operation");
      out.put("message", "NS file replaced; the experiment is not swapped in, so nothing else changed");
    } else {
      out.put("operation", op.id());
    }
    json(ctx, 202, out);
  }

  /** Evaluates an untrusted NS file in a separate JVM against the project's catalogue; 400 with its errors. */
  private ParseResult parse(String pid, String eid, String nsText, String fileName) {
    ParseRequest request = ParseRequest.of(fileName, nsText, ParseMode.FULL,
        catalogue.seenFrom(pid)).withExperiment(pid, eid);
    ParseResult result = NsParser.parseIsolated(request);
    if (!result.ok()) {
      throw new ApiException(400, "NS parse failed: " + fileName + " has " + result.errors().size()
          + " error(s); nothing was changed", result.diagnostics());
    }
    return result;
  }

  private void showOperation(Context ctx) {
    String id = Requests.name(ctx.pathParam("id"), OPERATION_ID,
        "operation id");
    Caller caller = caller(ctx);
    Operation op = engine.experiments().readOperation(id);
    if (op == null) {
      throw ApiException.notFound("no operation " + id);
    }
    if (!caller.admin() && !caller.user().equals(op.requestedBy()) && !operationInCallersProject(caller, op)) {
      throw ApiException.forbidden("user " + caller.user() + " may not see operation " + id);
    }
    json(ctx, 200, operationJson(op));
  }

  /**
   * The unfinished operations of a kind ({@code ?kind=reload&state=unfinished}) that the caller
   * requested, or all of them for an admin: how a client waits for the reloads a swap-out started.
   */
  private void listOperations(Context ctx) {
    String kindText = ctx.queryParam("kind");
    if (!"unfinished".equals(ctx.queryParam("state")) || kindText == null) {
      throw ApiException.badRequest("give kind=KIND&state=unfinished");
    }
    Operation.Kind kind;
    try {
      kind = Operation.Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("no operation kind '" + kindText + "'");
    }
    Caller caller = caller(ctx);
    ArrayNode out = ExperimentJson.MAPPER.createArrayNode();
    engine.unfinished(kind).stream()
        .filter(op -> caller.admin() || caller.user().equals(op.requestedBy()))
        .forEach(op -> out.add(operationJson(op)));
    json(ctx, 200, out);
  }

  private boolean operationInCallersProject(Caller caller, Operation op) {
    if (op.experimentId() == null) {
      return false;
    }
    return engine.experiments().projectOf(op.experimentId()).map(caller::mayActIn).orElse(false);
  }

  /** {@code {"id","kind","state","message"}} of an operation. */
  public static ObjectNode operationJson(Operation op) {
    ObjectNode o = ExperimentJson.MAPPER.createObjectNode();
    o.put("id", op.id());
    o.put("kind", op.kind().label());
    o.put("state", op.state().label());
    o.put("message", op.message());
    o.put("failedNodes", op.failedNodes());
    return o;
  }

  /** Free and down nodes, and the nodes of the caller's projects; admins see every node. */
  private void listNodes(Context ctx) {
    Caller caller = caller(ctx);
    json(ctx, 200, caller.visible(catalogue.nodes()).stream().map(CatalogJson::node).toList());
  }

  /** os_load of several nodes as one operation: {@code {"nodes": [...], "image"?, "project"?, ...}}. */
  private void reloadNodes(Context ctx) {
    reload(ctx, nodeList(Requests.body(ctx)));
  }

  private static List<String> nodeList(ObjectNode body) {
    List<String> names = Requests.list(body, "nodes");
    if (names == null || names.isEmpty()) {
      throw ApiException.badRequest("field 'nodes' must name at least one node");
    }
    return names.stream().map(n -> Requests.name(n, Requests.NODE, "node name")).toList();
  }

  private void reload(Context ctx, List<String> nodeNames) {
    ObjectNode body = Requests.body(ctx);
    String project = Requests.optionalText(body, "project");
    if (project != null) {
      Requests.name(project, Requests.PID, "project");
    }
    Integer imageId = Requests.optionalInt(body, "imageId");
    String image = Requests.optionalText(body, "image");
    String imageProject = null;
    String imageName = null;
    if (image != null) {
      int slash = image.indexOf('/');
      if (slash >= 0) {
        imageProject = Requests.name(image.substring(0, slash), Requests.PID, "image project");
        imageName = Requests.name(image.substring(slash + 1), Requests.IMAGE, "image name");
        imageName = imageProject + "/" + imageName;
      } else {
        imageName = Requests.name(image, Requests.IMAGE, "image name");
      }
    }
    boolean reboot = !Requests.flag(body, "noReboot");
    accepted(ctx, nodes().osLoad(caller(ctx).user(), nodeNames, project, imageName,
        imageId == null ? null : imageId.longValue(), reboot, Requests.flag(body, "waitForBoot")));
  }

  private void console(Context ctx) {
    String offsetText = ctx.queryParam("offset");
    long offset = 0;
    if (offsetText != null) {
      try {
        offset = Long.parseLong(offsetText);
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("offset must be a whole number of bytes, not '" + offsetText + "'");
      }
    }
    ConsoleText text = nodes().console(caller(ctx).user(), node(ctx)).read(offset);
    ObjectNode out = ExperimentJson.MAPPER.createObjectNode();
    out.put("offset", text.nextOffset());
    out.put("text", text.text());
    json(ctx, 200, out);
  }

  /** Types a line on the node's serial console; the answer says where in the log to read what came back. */
  private void typeOnConsole(Context ctx) throws InterruptedException {
    String text = Requests.text(Requests.body(ctx), "text");
    ConsoleInterface.untypable(text).ifPresent(problem -> {
      throw ApiException.badRequest(problem);
    });
    long offset = nodes().typeOnConsole(caller(ctx).user(), node(ctx), text);
    ObjectNode out = ExperimentJson.MAPPER.createObjectNode();
    out.put("offset", offset);
    json(ctx, 200, out);
  }

  private void createImage(Context ctx) {
    ObjectNode body = Requests.body(ctx);
    String project = Requests.name(Requests.text(body, "project"), Requests.PID, "project");
    caller(ctx).requireProject(project);
    NewImage form = new NewImage(project, Requests.optionalText(body, "name"),
        Requests.optionalText(body, "description"), Requests.optionalText(body, "os"),
        Requests.optionalText(body, "version"), Requests.list(body, "nodeTypes"), Requests.optionalText(body, "path"),
        Requests.optionalInt(body, "loadPartition"), Requests.flag(body, "global"), Requests.flag(body, "shared"),
        Requests.list(body, "features"), Requests.optionalText(body, "opMode"),
        Requests.optionalInt(body, "rebootWaitSeconds"), Requests.optionalInt(body, "maxConcurrent"));
    json(ctx, 201, CatalogJson.image(descriptors.create(form, caller(ctx).user())));
  }

  private void captureImage(Context ctx) {
    String pid = pid(ctx);
    String name = Requests.name(ctx.pathParam("name"), Requests.IMAGE, "image name");
    String node = Requests.name(Requests.text(Requests.body(ctx), "node"), Requests.NODE, "node name");
    accepted(ctx, nodes().createImage(caller(ctx).user(), pid, name, node));
  }

  private static void accepted(Context ctx, Operation op) {
    ObjectNode out = ExperimentJson.MAPPER.createObjectNode();
    out.put("operation", op.id());
    json(ctx, 202, out);
  }

  static void json(Context ctx, int status, Object value) {
    try {
      ctx.status(status).contentType("application/json").result(ExperimentJson.MAPPER.writeValueAsString(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }
}
