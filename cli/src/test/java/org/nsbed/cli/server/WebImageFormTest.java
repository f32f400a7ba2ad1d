package org.nsbed.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The New Image Descriptor form's validation: each refusal of {@code image create} comes back next
 * to its field, the form keeps what was entered, and nothing is created.
 */
class WebImageFormTest {
  static WebSite site;
  static WebClient alice;

  @BeforeAll
  static void signIn() throws Exception {
    site = WebSite.get();
    alice = WebClient.signedIn(site.url(), "alice");
  }

  private static Map<String, String> valid(String name) {
    Map<String, String> fields = new HashMap<>(Map.of("project", "testbed", "name", name, "description", "d",
        "os", "Linux", "version", "1", "node-types", "pc850", "load-partition", "0", "op-mode", "NORMALv2"));
    return fields;
  }

  /** The message shown next to {@code field}, or fails. */
  private static String fieldError(HttpResponse<String> page, String field) {
    Matcher m = Pattern.compile("id=\"" + Pattern.quote(field) + "-error\">([^<]*)<").matcher(page.body());
    assertTrue(m.find(), "no message next to " + field + ": " + page.body());
    return m.group(1);
  }

  private static HttpResponse<String> post(Map<String, String> fields) throws Exception {
    return alice.post("/images/new", alice.csrf("/images/new"), fields);
  }

  @Test
  void aWrongFieldIsNamedNextToItAndNothingIsCreated() throws Exception {
    Map<String, String> badName = valid("bad name");
    HttpResponse<String> r = post(badName);
    assertEquals(400, r.statusCode());
    assertTrue(fieldError(r, "name").contains("not a valid descriptor name"), r.body());
    assertTrue(r.body().contains("value=\"bad name\""), "the form keeps what was entered");

    Map<String, String> badWait = valid("WAITIMG");
    badWait.put("reboot-wait", "soon");
    assertTrue(fieldError(post(badWait), "reboot-wait").contains("not a whole number"));
    badWait.put("reboot-wait", "0");
    assertTrue(fieldError(post(badWait), "reboot-wait").contains("not in 1-86400"));

    Map<String, String> global = valid("GLOBALIMG");
    global.put("global", "on");
    assertTrue(fieldError(post(global), "global").contains("only testbed admins"));

    Map<String, String> noTypes = valid("NOTYPES");
    noTypes.remove("node-types");
    assertTrue(fieldError(post(noTypes), "node-types").contains("at least one node type"));

    Map<String, String> far = valid("FARIMG");
    far.put("snapshot-node", "bpc181");
    assertTrue(fieldError(post(far), "snapshot-node").contains("remote node"));

    String images = site.server.get(site.server.aliceToken, "/api/v1/images").body();
    for (String name : new String[] {"WAITIMG", "GLOBALIMG", "NOTYPES", "FARIMG"}) {
      assertTrue(!images.contains("\"" + name + "\""), name + " was not created: " + images);
    }
  }

  @Test
  void whatTheUserTypedComesBackEscapedInTheFieldsAndMessages() throws Exception {
    HttpResponse<String> r = post(valid("x\"><script>alert(1)</script>"));
    assertEquals(400, r.statusCode());
    assertTrue(!r.body().contains("<script>alert(1)"), r.body());
    // Inside the attribute the quote cannot end it and no tag can start.
    assertTrue(r.body().contains("value=\"x&#34;>&lt;script>alert(1)&lt;/script>\""), r.body());
    assertTrue(fieldError(r, "name").contains("'x\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;'"), r.body());
  }

  @Test
  void aValidFormCreatesTheDescriptorAndItsOsid() throws Exception {
    HttpResponse<String> r = post(valid("FORMIMG"));
    assertEquals(303, r.statusCode(), r.body());
    assertEquals("/images?created=testbed/FORMIMG", r.headers().firstValue("Location").orElse(""));
    assertTrue(alice.get("/images").body().contains("testbed/FORMIMG"));
    assertTrue(alice.get("/osids").body().contains("testbed/FORMIMG"));
  }
}
