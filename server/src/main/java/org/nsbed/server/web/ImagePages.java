package org.nsbed.server.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nsbed.provisioner.catalog.Catalogue;
import org.nsbed.provisioner.catalog.ImageDescriptors;
import org.nsbed.provisioner.catalog.ImageFormException;
import org.nsbed.provisioner.catalog.NewImage;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.testbed.TestbedFile;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.node.NodeOperations;
import org.nsbed.server.api.Caller;

/**
 * List ImageIDs, List OSIDs, and the New Image Descriptor form, which can also take a snapshot of
 * a node into the new image (create_image), as {@code nsbed image create --snapshot-node} does.
 */
final class ImagePages {
  private final Engine engine;
  private final ImageDescriptors descriptors;
  private final Catalogue catalogue;
  private final Templates templates;

  ImagePages(Engine engine, ImageDescriptors descriptors, Catalogue catalogue, Templates templates) {
    this.engine = engine;
    this.descriptors = descriptors;
    this.catalogue = catalogue;
    this.templates = templates;
  }

  void images(Context ctx) {
    Map<String, Object> params = new HashMap<>();
    params.put("page", new Page("Image IDs", "images", SignedIn.caller(ctx), SignedIn.csrf(ctx)));
    params.put("images", descriptors.list(SignedIn.caller(ctx).user()));
    params.put("notice", notice(ctx.queryParam("created"), ctx.queryParam("snapshot")));
    templates.page(ctx, 200, "images.jte", params);
  }

  void osids(Context ctx) {
    Map<String, Object> params = new HashMap<>();
    params.put("page", new Page("OSIDs", "osids", SignedIn.caller(ctx), SignedIn.csrf(ctx)));
    params.put("osids", descriptors.osids(SignedIn.caller(ctx).user()));
    templates.page(ctx, 200, "osids.jte", params);
  }

  void form(Context ctx) {
    show(ctx, 200, ImageForm.blank(ctx.queryParam("project"), ctx.queryParam("node")), Map.of());
  }

  void create(Context ctx) {
    Caller caller = SignedIn.caller(ctx);
    ImageForm form = ImageForm.of(ctx);
    Map<String, String> errors = new HashMap<>();
    Integer loadPartition = number(form.loadPartition(), "load-partition", errors);
    Integer rebootWait = number(form.rebootWait(), "reboot-wait", errors);
    Integer maxConcurrent = number(form.maxConcurrent(), "max-concurrent", errors);
    if (!errors.isEmpty()) {
      show(ctx, 400, form, errors);
      return;
    }
    NewImage image = new NewImage(form.project(), form.name(), form.description(), blankToNull(form.os()),
        form.version(), form.nodeTypes(), blankToNull(form.path()), loadPartition, form.global(), form.shared(),
        form.features(), blankToNull(form.opMode()), rebootWait, maxConcurrent);
    String node = form.snapshotNode();
    NodeOperations nodes = new NodeOperations(engine);
    try {
      if (!node.isEmpty()) {
        // create_image's refusals come first, so that a refused snapshot leaves no descriptor behind.
        nodes.checkCaptureSource(caller.user(), form.project(), node);
      }
      descriptors.create(image, caller.user());
    } catch (ImageFormException e) {
      errors.put(e.field().replaceFirst("^--", ""), e.getMessage());
      show(ctx, 400, form, errors);
      return;
    } catch (LifecycleException e) {
      errors.put("snapshot-node", e.getMessage());
      show(ctx, e.reason() == LifecycleException.Reason.NOT_FOUND ? 404 : 409, form, errors);
      return;
    }
    String created = form.project() + "/" + form.name();
    if (!node.isEmpty()) {
      try {
        nodes.createImage(caller.user(), form.project(), form.name(), node);
      } catch (LifecycleException refused) {
        // The node changed hands since the check: undo the descriptor rather than leave it half-made.
        descriptors.delete(created, caller.user());
        throw refused;
      }
    }
    ctx.redirect("/images?created=" + created + (node.isEmpty() ? "" : "&snapshot=" + node), HttpStatus.SEE_OTHER);
  }

  private void show(Context ctx, int status, ImageForm form, Map<String, String> errors) {
    Caller caller = SignedIn.caller(ctx);
    Map<String, Object> params = new HashMap<>();
    params.put("page", new Page("New Image Descriptor", "images", caller, SignedIn.csrf(ctx)));
    params.put("form", form);
    params.put("errors", errors);
    params.put("projects", UserProjects.of(catalogue, caller));
    params.put("nodeTypes", catalogue.nodeTypes().stream().sorted().toList());
    params.put("osFamilies", List.copyOf(new TreeSet<>(TestbedFile.OS_FAMILIES)));
    params.put("features", List.copyOf(new TreeSet<>(TestbedFile.OS_FEATURES)));
    params.put("opModes", List.of("NORMALv2", "NORMAL", "MINIMAL", "ALWAYSUP"));
    templates.page(ctx, status, "image-new.jte", params);
  }

  private static Integer number(String text, String field, Map<String, String> errors) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      errors.put(field, "'" + text + "' is not a whole number");
      return null;
    }
  }

  private static String blankToNull(String text) {
    return text.isEmpty() ? null : text;
  }

  private static String notice(String created, String snapshot) {
    if (created == null) {
      return "";
    }
    return "Created Image ID " + created + (snapshot == null ? "." : "; the snapshot of " + snapshot
        + " is being taken (reload to see its file; the result is also mailed to you).");
  }
}
