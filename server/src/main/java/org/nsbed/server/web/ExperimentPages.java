package org.nsbed.server.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nsbed.provisioner.catalog.ImageDescriptors;
import org.nsbed.provisioner.catalog.ImageDescriptors.ImageView;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentView;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.swap.ExperimentOperations;
import org.nsbed.server.api.Caller;

/** The experiments list, the experiment page with its live progress, and its buttons. */
final class ExperimentPages {
  private final Engine engine;
  private final ImageDescriptors descriptors;
  private final Templates templates;
  private final LiveUpdates live;

  ExperimentPages(Engine engine, ImageDescriptors descriptors, Templates templates, LiveUpdates live) {
    this.engine = engine;
    this.descriptors = descriptors;
    this.templates = templates;
    this.live = live;
  }

  private ExperimentOperations experiments() {
    return new ExperimentOperations(engine);
  }

  void list(Context ctx) {
    Map<String, Object> params = new HashMap<>();
    params.put("page", new Page("Experiments", "experiments", SignedIn.caller(ctx), SignedIn.csrf(ctx)));
    params.put("experiments", experiments().visibleTo(SignedIn.caller(ctx).user()).stream()
        .map(ExperimentSummary::of).toList());
    templates.page(ctx, 200, "experiments.jte", params);
  }

  /** The project of the path, which the user must act in: 403 before anything is looked up, as in the API. */
  static String pid(Context ctx) {
    String pid = ctx.pathParam("pid");
    SignedIn.caller(ctx).requireProject(pid);
    return pid;
  }

  /** The experiment of the path, if the user may see it. */
  ExperimentView view(Context ctx) {
    return experiments().view(pid(ctx), ctx.pathParam("eid"), SignedIn.caller(ctx).user());
  }

  void show(Context ctx) {
    ExperimentModel m = ExperimentModel.of(view(ctx));
    Map<String, Object> params = new HashMap<>();
    Caller caller = SignedIn.caller(ctx);
    params.put("page", new Page(m.pid() + "/" + m.eid(), "experiments", caller, SignedIn.csrf(ctx)));
    List<ImageView> images = images(caller);
    Map<String, String> parts = live.parts(m, SignedIn.csrf(ctx), images);
    params.put("m", m);
    params.put("parts", parts);
    params.put("shown", LiveUpdates.fingerprint(parts));
    templates.page(ctx, 200, "experiment.jte", params);
  }

  /** Before the live stream opens: the same checks as the page, so a refusal is an ordinary error page. */
  void checkLive(Context ctx) {
    view(ctx);
  }

  void live(SseClient client) {
    Context ctx = client.ctx();
    Caller caller = SignedIn.caller(ctx);
    live.experiment(client, caller, ctx.pathParam("pid"), ctx.pathParam("eid"), SignedIn.csrf(ctx), images(caller),
        String.valueOf(ctx.queryParam("shown")));
  }

  void swapIn(Context ctx) {
    experiments().swapIn(pid(ctx), ctx.pathParam("eid"), SignedIn.caller(ctx).user());
    backToExperiment(ctx);
  }

  void swapOut(Context ctx) {
    experiments().swapOut(pid(ctx), ctx.pathParam("eid"), SignedIn.caller(ctx).user());
    backToExperiment(ctx);
  }

  /** endexp; the experiment is gone once it ends, so the list is where to watch it go. */
  void terminate(Context ctx) {
    experiments().end(pid(ctx), ctx.pathParam("eid"), SignedIn.caller(ctx).user());
    ctx.redirect("/experiments", HttpStatus.SEE_OTHER);
  }

  /** The images a node of the user may be loaded with. */
  private List<ImageView> images(Caller caller) {
    return descriptors.list(caller.user());
  }

  private static void backToExperiment(Context ctx) {
    ctx.redirect("/experiments/" + ctx.pathParam("pid") + "/" + ctx.pathParam("eid"), HttpStatus.SEE_OTHER);
  }
}
