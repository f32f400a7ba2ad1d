package org.nsbed.server.web;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.swap.ExperimentOperations;

/** The experiments list, the experiment page and its actions, and beginning an experiment. */
final class ExperimentPages {
  private final Engine engine;
  private final Templates templates;

  ExperimentPages(Engine engine, Templates templates) {
    this.engine = engine;
    this.templates = templates;
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
}
