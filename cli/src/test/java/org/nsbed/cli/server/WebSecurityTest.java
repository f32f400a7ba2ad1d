package org.nsbed.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nsbed.server.web.WebRoutes;

/**
 * Who may use each page, over plain HTTP: signed out, every page sends to the sign-in page and
 * every form is refused; a form without the CSRF token of its session is refused; the session
 * cookie is HttpOnly and SameSite; a session ends on the server at sign-out.
 */
class WebSecurityTest {
  static WebSite site;
  /** The node of alice's experiment websecret. */
  static String held;

  /** Every page, by a path that names alice's things where it names any. */
  static List<String> pages() {
    return List.of("/experiments", "/experiments/new", "/experiments/testbed/websecret",
        "/experiments/testbed/websecret/modify", "/experiments/testbed/websecret/live",
        "/nodes/" + held + "/console", "/nodes/" + held + "/console/live?offset=0", "/images", "/images/new",
        "/osids", "/nodes");
  }

  /** Every form, by its path. */
  static List<String> forms() {
    return List.of("/signout", "/experiments/new", "/experiments/new/check", "/images/new", "/admin/nodes/pc12/down",
        "/admin/nodes/pc12/free",
        "/experiments/testbed/websecret/modify", "/experiments/testbed/websecret/swapin",
        "/experiments/testbed/websecret/swapout",
        "/experiments/testbed/websecret/terminate", "/nodes/" + held + "/reboot", "/nodes/" + held + "/osload");
  }

  /** The pages and forms about alice's experiment and node, which bob (project otherproj) may not use. */
  static List<String[]> alicesThings() {
    return List.of(
        new String[] {"GET", "/experiments/testbed/websecret"},
        new String[] {"GET", "/experiments/testbed/websecret/live"},
        new String[] {"GET", "/experiments/testbed/websecret/modify"},
        new String[] {"POST", "/experiments/testbed/websecret/modify"},
        new String[] {"GET", "/nodes/" + held + "/console"},
        new String[] {"GET", "/nodes/" + held + "/console/live?offset=0"},
        new String[] {"POST", "/experiments/testbed/websecret/swapin"},
        new String[] {"POST", "/experiments/testbed/websecret/swapout"},
        new String[] {"POST", "/experiments/testbed/websecret/terminate"},
        new String[] {"POST", "/nodes/" + held + "/reboot"},
        new String[] {"POST", "/nodes/" + held + "/osload"});
  }

  /** alice has an active one-node experiment, websecret. */
  @BeforeAll
  static void aliceHasAnExperiment() throws Exception {
    site = WebSite.get();
    ServerProcess server = site.server;
    ServerProcess.Answer start = server.post(server.aliceToken, "/api/v1/experiments", Map.of("pid", "testbed",
        "eid", "websecret", "nsFile", "source tb_compat.tcl\nset ns [new Simulator]\nset n [$ns node]\n$ns run\n",
        "swapIn", true));
    assertEquals(201, start.status(), start.body());
    assertEquals("done", server.awaitOperation(server.aliceToken, start.json().path("operation").asText(), 240)
        .path("state").asText());
    held = server.get(server.aliceToken, "/api/v1/experiments/testbed/websecret").json().path("nodes").get(0)
        .path("physical").asText();
  }

  @Test
  void aUserOfAnotherProjectIsRefusedOnEveryPageAndFormOfTheExperimentAndItsNode() throws Exception {
    WebClient bob = WebClient.signedIn(site.url(), "bob");
    String csrf = bob.csrf("/experiments");
    for (String[] c : alicesThings()) {
      HttpResponse<String> r = c[0].equals("GET") ? bob.get(c[1]) : bob.post(c[1], csrf, Map.of());
      assertEquals(403, r.statusCode(), "bob " + c[0] + " " + c[1] + ": " + r.body());
      assertTrue(r.body().contains("bob"), r.body());
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), c[1]);
    }
    ServerProcess.Answer still = site.server.get(site.server.aliceToken, "/api/v1/experiments/testbed/websecret");
    assertEquals("active", still.json().path("state").asText(), "nothing bob asked was done: " + still.body());
    assertTrue(still.json().path("runningOperation").isMissingNode(), still.body());
    assertFalse(bob.get("/experiments").body().contains("websecret"), "bob's list holds no row of testbed");
  }

  @Test
  void aUserOfAnotherProjectCannotBeginAnExperimentInIt() throws Exception {
    WebClient bob = WebClient.signedIn(site.url(), "bob");
    HttpResponse<String> r = bob.post("/experiments/new", bob.csrf("/experiments/new"), Map.of("project", "testbed",
        "name", "intruder", "nstext", "source tb_compat.tcl\nset ns [new Simulator]\n$ns node\n$ns run\n"));
    assertEquals(403, r.statusCode(), r.body());
    assertFalse(bob.get("/experiments/new").body().contains("value=\"testbed\""), "bob is offered only his projects");
    assertEquals(403, site.server.get(site.server.bobToken, "/api/v1/experiments/testbed/intruder").status());
    assertEquals(404, site.server.get(site.server.aliceToken, "/api/v1/experiments/testbed/intruder").status());
  }

  @Test
  void aUserOfAnotherProjectCannotCreateAnImageInItNorSnapshotItsNode() throws Exception {
    WebClient bob = WebClient.signedIn(site.url(), "bob");
    String csrf = bob.csrf("/images/new");
    HttpResponse<String> r = bob.post("/images/new", csrf, Map.of("project", "testbed", "name", "BOBIMG",
        "description", "d", "os", "Linux", "version", "1", "node-types", "pc850"));
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("not a member of project testbed"), r.body());
    HttpResponse<String> snapshot = bob.post("/images/new", csrf, Map.of("project", "otherproj", "name", "BOBSNAP",
        "description", "d", "os", "Linux", "version", "1", "node-types", "pc850", "snapshot-node", held));
    assertTrue(snapshot.statusCode() >= 400, snapshot.body());
    assertTrue(snapshot.body().contains("bob"), snapshot.body());
    String images = site.server.get(site.server.rootToken, "/api/v1/images").body();
    assertFalse(images.contains("BOBIMG") || images.contains("BOBSNAP"), images);
  }

  @Test
  void theNodesPageShowsAUserTheNodesTheyMaySeeAndOnlyAnAdminItsForms() throws Exception {
    WebClient alice = WebClient.signedIn(site.url(), "alice");
    HttpResponse<String> hers = alice.get("/nodes");
    assertEquals(200, hers.statusCode());
    assertTrue(hers.body().contains("id=\"node-" + held + "\""), "her experiment's node: " + hers.body());
    assertTrue(hers.body().contains("testbed/websecret"), hers.body());
    assertFalse(hers.body().contains("/admin/nodes/"), "no admin form: " + hers.body());
    String csrf = alice.csrf("/experiments");
    for (String route : WebRoutes.ROUTES) {
      if (route.startsWith("POST /admin/")) {
        String path = route.substring("POST ".length()).replace("{node}", "pc12");
        HttpResponse<String> r = alice.post(path, csrf, Map.of("reason", "mine now"));
        assertEquals(403, r.statusCode(), path + ": " + r.body());
      }
    }
    HttpResponse<String> bobs = WebClient.signedIn(site.url(), "bob").get("/nodes");
    assertEquals(200, bobs.statusCode());
    assertFalse(bobs.body().contains("id=\"node-" + held + "\""), "not another project's node: " + bobs.body());
    assertFalse(bobs.body().contains("websecret"), bobs.body());
    WebClient root = WebClient.signedIn(site.url(), "root");
    HttpResponse<String> page = root.get("/nodes");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("id=\"node-" + held + "\""), page.body());
    String free = held.equals("pc12") ? "pc11" : "pc12";
    assertTrue(page.body().contains("/admin/nodes/" + free + "/down"), page.body());
    assertFalse(site.server.get(site.server.rootToken, "/api/v1/nodes").body().contains("mine now"),
        "alice's request changed nothing");
  }

  @Test
  void aBeginFormWithoutItsCsrfTokenCreatesNothing() throws Exception {
    WebClient alice = WebClient.signedIn(site.url(), "alice");
    HttpResponse<String> r = alice.post("/experiments/new", null, Map.of("project", "testbed", "name", "forged",
        "nstext", "source tb_compat.tcl\nset ns [new Simulator]\n$ns node\n$ns run\n"));
    assertEquals(403, r.statusCode(), r.body());
    assertEquals(404, site.server.get(site.server.aliceToken, "/api/v1/experiments/testbed/forged").status());
  }

  @Test
  void theProjectsMemberAndAnAdminMayOpenTheExperimentAndTheConsole() throws Exception {
    for (String user : List.of("alice", "root")) {
      WebClient c = WebClient.signedIn(site.url(), user);
      assertEquals(200, c.get("/experiments/testbed/websecret").statusCode(), user);
      HttpResponse<String> console = c.get("/nodes/" + held + "/console");
      assertEquals(200, console.statusCode(), user);
      assertTrue(console.body().contains("login:"), console.body());
      assertTrue(c.get("/experiments").body().contains("websecret"), user);
    }
  }

  /** The lists above name every page of the server, so a new page cannot go without these tests. */
  @Test
  void theTestsCoverEveryPageAndForm() {
    for (String route : WebRoutes.ROUTES) {
      String method = route.substring(0, route.indexOf(' '));
      String template = route.substring(route.indexOf(' ') + 1);
      if (template.equals("/") || template.equals("/login")) {
        continue;
      }
      List<String> paths = method.equals("GET") ? pages() : forms();
      assertTrue(paths.stream().anyMatch(p -> matches(template, p)), route + " is not among the signed-out checks");
      if ((template.contains("{pid}") || template.contains("{node}")) && !template.startsWith("/admin/")) {
        assertTrue(alicesThings().stream().anyMatch(c -> c[0].equals(method) && matches(template, c[1])),
            route + " is not among the checks of another project's user");
      }
    }
  }

  private static boolean matches(String template, String path) {
    String plain = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    return plain.matches(template.replaceAll("\\{[a-z]+}", "[^/]+"));
  }

  @Test
  void signedOutEveryPageSendsToTheSignInPage() throws Exception {
    WebClient anonymous = new WebClient(site.url());
    for (String page : pages()) {
      HttpResponse<String> r = anonymous.get(page);
      assertEquals(303, r.statusCode(), page);
      assertTrue(r.headers().firstValue("Location").orElse("").startsWith("/login?next="), page);
      assertFalse(r.body().contains("websecret"), page);
    }
    assertEquals(303, anonymous.get("/").statusCode());
  }

  @Test
  void signedOutEveryFormIsRefused() throws Exception {
    WebClient anonymous = new WebClient(site.url());
    String csrf = anonymous.csrf("/login");
    for (String form : forms()) {
      HttpResponse<String> r = anonymous.post(form, csrf, Map.of());
      assertEquals(401, r.statusCode(), form + ": " + r.body());
    }
  }

  @Test
  void aWrongPasswordSignsNobodyIn() throws Exception {
    WebClient c = new WebClient(site.url());
    HttpResponse<String> r = c.post("/login", c.csrf("/login"), Map.of("username", "alice", "password", "guessed-wrong"));
    assertEquals(401, r.statusCode());
    assertTrue(r.body().contains("Wrong user name or password"), r.body());
    assertFalse(r.headers().allValues("Set-Cookie").stream().anyMatch(h -> h.startsWith("nsbed_session=")));
    assertEquals(303, c.get("/experiments").statusCode());
  }

  @Test
  void theSignInFormNeedsItsOwnCsrfToken() throws Exception {
    WebClient c = new WebClient(site.url());
    c.csrf("/login");
    HttpResponse<String> r = c.post("/login", "forged", Map.of("username", "alice", "password", WebSite.password("alice")));
    assertEquals(403, r.statusCode(), r.body());
    assertEquals(303, c.get("/experiments").statusCode(), "not signed in");
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSite() throws Exception {
    String header = WebClient.sessionCookieHeader(site.url(), "alice");
    assertTrue(header.contains("HttpOnly"), header);
    assertTrue(header.contains("SameSite=Lax"), header);
    assertTrue(header.contains("Path=/"), header);
  }

  @Test
  void aFormWithoutItsCsrfTokenIsRefused() throws Exception {
    WebClient alice = WebClient.signedIn(site.url(), "alice");
    for (String form : forms()) {
      HttpResponse<String> none = alice.post(form, null, Map.of());
      assertEquals(403, none.statusCode(), form + ": " + none.body());
      assertTrue(none.body().contains("CSRF token"), none.body());
      HttpResponse<String> other = alice.post(form, WebClient.signedIn(site.url(), "alice").csrf("/experiments"),
          Map.of());
      assertEquals(403, other.statusCode(), form + " with another session's token");
    }
    assertEquals(200, alice.get("/experiments").statusCode(), "still signed in: the sign-out was refused");
  }

  @Test
  void signingOutEndsTheSessionOnTheServer() throws Exception {
    WebClient alice = WebClient.signedIn(site.url(), "alice");
    assertEquals(200, alice.get("/experiments").statusCode());
    HttpResponse<String> out = alice.post("/signout", alice.csrf("/experiments"), Map.of());
    assertEquals(303, out.statusCode());
    assertEquals(303, alice.get("/experiments").statusCode());
  }

  @Test
  void signingInGoesBackOnlyToAPageOfThisServer() throws Exception {
    WebClient c = new WebClient(site.url());
    HttpResponse<String> r = c.post("/login", c.csrf("/login"), Map.of("username", "alice", "password",
        WebSite.password("alice"), "next", "//elsewhere.example/x"));
    assertEquals("/experiments", r.headers().firstValue("Location").orElse(""));
    WebClient d = new WebClient(site.url());
    HttpResponse<String> back = d.post("/login", d.csrf("/login?next=/images"), Map.of("username", "alice",
        "password", WebSite.password("alice"), "next", "/images"));
    assertEquals("/images", back.headers().firstValue("Location").orElse(""));
  }

  @Test
  void anUnknownPageIsAnHtmlNotFoundPageAndAnUnknownApiCallStaysJson() throws Exception {
    WebClient alice = WebClient.signedIn(site.url(), "alice");
    HttpResponse<String> page = alice.get("/no/such/page");
    assertEquals(404, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.body());
    HttpResponse<String> api = alice.get("/api/v1/nothing");
    assertEquals(401, api.statusCode(), "the API wants a token, not a session: " + api.body());
  }
}
