package org.nsbed.server.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nsbed.interpreter.NsParser;
import org.nsbed.interpreter.ParseMode;
import org.nsbed.interpreter.ParseRequest;
import org.nsbed.interpreter.ParseResult;
import org.nsbed.provisioner.catalog.Catalogue;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentView;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.swap.ExperimentOperations;
import org.nsbed.server.api.ApiException;
import org.nsbed.server.api.Caller;

/**
 * The pages that take an NS file: Begin an Experiment (startexp) and Modify (modexp). The file is
 * evaluated as the API does it, in a separate JVM against the project's catalogue; a file with
 * errors changes nothing and comes back with each error at its line.
 */
final class NsFilePages {
  /** The largest NS file accepted, as by startexp and the API. */
  static final int MAX_NS_FILE = 1 << 20;

  private final Engine engine;
  private final Catalogue catalogue;
  private final Templates templates;
  private final ExperimentPages experimentPages;

  NsFilePages(Engine engine, Catalogue catalogue, Templates templates, ExperimentPages experimentPages) {
    this.engine = engine;
    this.catalogue = catalogue;
    this.templates = templates;
    this.experimentPages = experimentPages;
  }

  void beginForm(Context ctx) {
    showBegin(ctx, 200, new BeginForm(ctx.queryParam("project"), "", "", "", true, ""), null, Map.of(), "");
  }

  void begin(Context ctx) {
    Caller caller = SignedIn.caller(ctx);
    UploadedFile upload = ctx.uploadedFile("nsfile");
    String fileName = upload != null && upload.size() > 0 ? upload.filename() : null;
    BeginForm form = new BeginForm(text(ctx, "project"), text(ctx, "name"), text(ctx, "description"),
        fileName != null ? read(upload) : text(ctx, "nstext"), ctx.formParam("swapin") != null,
        text(ctx, "maxduration"));
    Map<String, String> errors = new HashMap<>();
    if (form.project().isEmpty()) {
      errors.put("project", "Choose a project.");
    } else {
      caller.requireProject(form.project());
    }
    if (!form.name().matches("[A-Za-z][A-Za-z0-9-]{0,31}")) {
      errors.put("name", "A letter followed by up to 31 letters, digits or dashes.");
    }
    if (form.description().length() > 255) {
      errors.put("description", "At most 255 characters (this has " + form.description().length() + ").");
    }
    Integer maxDuration = null;
    if (!form.maxDuration().isEmpty()) {
      try {
        maxDuration = Integer.parseInt(form.maxDuration());
      } catch (NumberFormatException e) {
        maxDuration = 0;
      }
      if (maxDuration < 1) {
        errors.put("maxduration", "A whole number of minutes, at least 1 (or leave it empty: no limit).");
      }
    }
    if (form.nsText().isBlank()) {
      errors.put("nsfile", "Upload an NS file or paste one.");
    } else if (form.nsText().getBytes(StandardCharsets.UTF_8).length > MAX_NS_FILE) {
      errors.put("nsfile", "The NS file is larger than " + (MAX_NS_FILE >> 10) + " KiB.");
    }
    if (!errors.isEmpty()) {
      showBegin(ctx, 400, form, null, errors, "");
      return;
    }
    String shownName = fileName != null ? fileName : form.name() + ".ns";
    ParseResult parsed = parse(form.project(), form.name(), shownName, form.nsText());
    if (!parsed.ok()) {
      showBegin(ctx, 400, form, NsSource.of(shownName, form.nsText(), parsed.diagnostics()), errors,
          shownName + " has " + parsed.errors().size() + " error(s); nothing was created.");
      return;
    }
    ExperimentOperations experiments = new ExperimentOperations(engine);
    try {
      experiments.create(form.project(), form.name(), caller.user(), form.description(), form.nsText(),
          parsed.toJson(), maxDuration, null);
    } catch (LifecycleException e) {
      showBegin(ctx, e.reason() == LifecycleException.Reason.FORBIDDEN ? 403 : 409, form, null, errors,
          e.getMessage());
      return;
    }
    if (form.swapIn()) {
      experiments.swapIn(form.project(), form.name(), caller.user());
    }
    ctx.redirect("/experiments/" + form.project() + "/" + form.name(), HttpStatus.SEE_OTHER);
  }

  /** The "Check" button: the NS file's diagnostics at their lines, without creating anything. */
  void check(Context ctx) {
    Caller caller = SignedIn.caller(ctx);
    UploadedFile upload = ctx.uploadedFile("nsfile");
    String fileName = upload != null && upload.size() > 0 ? upload.filename() : null;
    String nsText = fileName != null ? read(upload) : text(ctx, "nstext");
    String project = text(ctx, "project");
    String name = text(ctx, "name");
    String shownName = fileName != null ? fileName : (name.isEmpty() ? "experiment" : name) + ".ns";
    Map<String, Object> params = new HashMap<>();
    if (project.isEmpty() || nsText.isBlank()) {
      params.put("source", null);
      params.put("message", "Choose a project and give an NS file to check.");
    } else {
      caller.requireProject(project);
      ParseResult parsed = parse(project, name.matches("[A-Za-z][A-Za-z0-9-]{0,31}") ? name : "check", shownName,
          nsText);
      params.put("source", NsSource.of(shownName, nsText, parsed.diagnostics()));
      params.put("message", parsed.ok() ? shownName + " is fine." : shownName + " has " + parsed.errors().size()
          + " error(s).");
    }
    ctx.contentType("text/html; charset=utf-8").result(templates.render("ns-check.jte", params));
  }

  void modifyForm(Context ctx) {
    ExperimentView v = experimentPages.view(ctx);
    String nsText = new ExperimentOperations(engine).nsFile(v.experiment().pid(), v.experiment().eid(),
        SignedIn.caller(ctx).user());
    showModify(ctx, 200, v, nsText, null, "");
  }

  void modify(Context ctx) {
    ExperimentView v = experimentPages.view(ctx);
    String pid = v.experiment().pid();
    String eid = v.experiment().eid();
    String nsText = text(ctx, "nstext");
    if (nsText.getBytes(StandardCharsets.UTF_8).length > MAX_NS_FILE) {
      throw new ApiException(413, "the NS file is larger than " + (MAX_NS_FILE >> 10) + " KiB");
    }
    ParseResult parsed = parse(pid, eid, eid + ".ns", nsText);
    if (!parsed.ok()) {
      showModify(ctx, 400, v, nsText, NsSource.of(eid + ".ns", nsText, parsed.diagnostics()),
          eid + ".ns has " + parsed.errors().size() + " error(s); nothing was changed.");
      return;
    }
    new ExperimentOperations(engine).modify(pid, eid, SignedIn.caller(ctx).user(), nsText, parsed.toJson());
    ctx.redirect("/experiments/" + pid + "/" + eid, HttpStatus.SEE_OTHER);
  }

  /** Evaluates an untrusted NS file in a separate JVM against the project's catalogue, as the API does. */
  private ParseResult parse(String pid, String eid, String fileName, String nsText) {
    ParseRequest request = ParseRequest.of(fileName, nsText, ParseMode.FULL,
        catalogue.seenFrom(pid)).withExperiment(pid, eid);
    return NsParser.parseIsolated(request);
  }

  private void showBegin(Context ctx, int status, BeginForm form, NsSource source, Map<String, String> errors,
      String message) {
    Caller caller = SignedIn.caller(ctx);
    Map<String, Object> params = new HashMap<>();
    params.put("page", new Page("Begin an experiment", "begin", caller, SignedIn.csrf(ctx)));
    params.put("form", form);
    params.put("projects", UserProjects.of(catalogue, caller));
    params.put("source", source);
    params.put("errors", errors);
    params.put("message", message);
    templates.page(ctx, status, "begin.jte", params);
  }

  private void showModify(Context ctx, int status, ExperimentView v, String nsText, NsSource source, String message) {
    Map<String, Object> params = new HashMap<>();
    String name = v.experiment().pid() + "/" + v.experiment().eid();
    params.put("page", new Page("Modify " + name, "experiments", SignedIn.caller(ctx), SignedIn.csrf(ctx)));
    params.put("m", ExperimentModel.of(v));
    params.put("nsText", nsText);
    params.put("source", source);
    params.put("message", message);
    templates.page(ctx, status, "modify.jte", params);
  }

  /** The projects the user may begin experiments in: their own, or every project for an admin. */
  private static String text(Context ctx, String field) {
    String v = ctx.formParam(field);
    // An NS file keeps its blanks: line numbers and columns must match the user's file.
    return v == null ? "" : field.equals("nstext") ? v : v.strip();
  }

  private static String read(UploadedFile upload) {
    if (upload.size() > MAX_NS_FILE) {
      throw new ApiException(413, "the NS file is larger than " + (MAX_NS_FILE >> 10) + " KiB");
    }
    try {
      return new String(upload.content().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
