package org.nsbed.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The pages as plain HTTP with a cookie jar, without a browser: how the route tests sign in as
 * each user and try every page and form, fast.
 */
final class WebClient {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private final String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;

  WebClient(String base) {
    this.base = base;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** A client signed in as {@code user}. */
  static WebClient signedIn(String base, String user) throws Exception {
    WebClient c = new WebClient(base);
    HttpResponse<String> signIn = c.post("/login", c.csrf("/login"),
        Map.of("username", user, "password", WebSite.password(user)));
    assertEquals(303, signIn.statusCode(), signIn.body());
    return c;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The CSRF token in the forms of the page at {@code path}. */
  String csrf(String path) throws IOException, InterruptedException {
    HttpResponse<String> page = get(path);
    Matcher m = CSRF.matcher(page.body());
    if (!m.find()) {
      throw new AssertionError("no CSRF token on " + path + " (" + page.statusCode() + "): " + page.body());
    }
    return m.group(1);
  }

  /** Posts a form with {@code csrf} (none if null) and the fields. */
  HttpResponse<String> post(String path, String csrf, Map<String, String> fields)
      throws IOException, InterruptedException {
    Map<String, String> all = new LinkedHashMap<>(fields);
    if (csrf != null) {
      all.put("csrf", csrf);
    }
    String body = all.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The session cookie's Set-Cookie header as the server sent it at sign-in, for its attributes. */
  static String sessionCookieHeader(String base, String user) throws Exception {
    WebClient c = new WebClient(base);
    HttpResponse<String> signIn = c.post("/login", c.csrf("/login"),
        Map.of("username", user, "password", WebSite.password(user)));
    return signIn.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("nsbed_session="))
        .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + signIn.headers()));
  }
}
