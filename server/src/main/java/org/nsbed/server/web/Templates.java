package org.nsbed.server.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders the pages' jte templates, which the build compiled to classes (no template compiler at
 * run time). jte escapes every value for where it lands: element text, attribute or script.
 */
final class Templates {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** The template's HTML for {@code params}. */
  String render(String template, Map<String, Object> params) {
    StringOutput out = new StringOutput();
    engine.render(template, params, out);
    return out.toString();
  }

  /** Answers the request with a page. */
  void page(Context ctx, int status, String template, Map<String, Object> params) {
    ctx.status(status).contentType("text/html; charset=utf-8").result(render(template, params));
  }
}
