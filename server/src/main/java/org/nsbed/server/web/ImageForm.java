package org.nsbed.server.web;

import io.javalin.http.Context;
import java.util.List;

/**
 * The New Image Descriptor form as entered: every field of {@code nsbed image create}, named as
 * its option without the dashes in front, so that a refusal naming {@code --reboot-wait} lands
 * next to the field {@code reboot-wait}.
 */
public record ImageForm(String project, String name, String description, String os, String version,
    List<String> nodeTypes, String path, String loadPartition, boolean global, boolean shared, List<String> features,
    String opMode, String rebootWait, String maxConcurrent, String snapshotNode) {

  static ImageForm blank(String project, String snapshotNode) {
    return new ImageForm(project == null ? "" : project, "", "", "", "", List.of(), "", "0", false, false,
        List.of("ping", "ssh", "ipod", "isup", "linktest"), "NORMALv2", "", "", snapshotNode == null ? "" : snapshotNode);
  }

  static ImageForm of(Context ctx) {
    return new ImageForm(text(ctx, "project"), text(ctx, "name"), text(ctx, "description"), text(ctx, "os"),
        text(ctx, "version"), ctx.formParams("node-types"), text(ctx, "path"), text(ctx, "load-partition"),
        ctx.formParam("global") != null, ctx.formParam("shared") != null, ctx.formParams("features"),
        text(ctx, "op-mode"), text(ctx, "reboot-wait"), text(ctx, "max-concurrent"), text(ctx, "snapshot-node"));
  }

  private static String text(Context ctx, String field) {
    String v = ctx.formParam(field);
    return v == null ? "" : v.strip();
  }
}
