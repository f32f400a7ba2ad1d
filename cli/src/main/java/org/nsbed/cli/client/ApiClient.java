package org.nsbed.cli.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.cli.server.ServerFile;
import org.nsbed.interpreter.ir.Diagnostic;

/**
 * The CLI as a client of {@code nsbed server}: with {@code --server URL} (or {@code NSBED_SERVER})
 * and a token from {@code --token-file} or {@code NSBED_TOKEN}; or, when a server runs on the
 * command's home, through that server with the home's local credential, so that no second
 * scheduler runs beside it. Refusals come back as the same one-line errors and exit statuses as in
 * embedded mode.
 */
public final class ApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final String authorization;

  private ApiClient(String base, String authorization) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.authorization = authorization;
  }

  /** The client this command uses, or empty in embedded mode. */
  public static Optional<ApiClient> of(Nsbed nsbed) {
    String url = nsbed.serverUrl();
    if (url != null) {
      return Optional.of(new ApiClient(url, "Bearer " + token(nsbed)));
    }
    if (nsbed.hasHome()) {
      return ServerFile.running(nsbed.home()).map(s -> new ApiClient(s.url(), s.localAuthorization(nsbed.user())));
    }
    return Optional.empty();
  }

  /** The API token of {@code --token-file}, else of {@code $NSBED_TOKEN}. */
  public static String token(Nsbed nsbed) {
    Path file = nsbed.tokenFile();
    if (file != null) {
      try {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UserError("cannot read the token file " + file + ": " + e.getMessage(), Nsbed.EXIT_USAGE);
      }
    }
    String env = System.getenv("NSBED_TOKEN");
    if (env == null || env.isBlank()) {
      throw new UserError("a server needs an API token: set NSBED_TOKEN or use --token-file FILE "
          + "(`nsbed user token create USER` makes one)", Nsbed.EXIT_USAGE);
    }
    return env.strip();
  }

  public JsonNode get(String path) {
    return send("GET", path, null, null);
  }

  public JsonNode post(String path, Object body) {
    return send("POST", path, write(body), "application/json");
  }

  public JsonNode put(String path, String text) {
    return send("PUT", path, text, "text/plain; charset=utf-8");
  }

  public JsonNode delete(String path) {
    return send("DELETE", path, null, null);
  }

  /** A path segment or query value, encoded. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Reads {@code /api/v1/events?QUERY} on a daemon thread, handing each event's JSON to
   * {@code listener} until the stream ends or {@link Thread#interrupt()} of the returned thread.
   */
  public Thread events(String query, Consumer<JsonNode> listener) {
    String path = "/api/v1/events" + (query.isEmpty() ? "" : "?" + query);
    Thread reader = new Thread(() -> {
      HttpURLConnection c = null;
      try {
        c = open("GET", path);
        c.setRequestProperty("Accept", "text/event-stream");
        c.setReadTimeout(0);
        if (c.getResponseCode() != 200) {
          return;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while (!Thread.currentThread().isInterrupted() && (line = in.readLine()) != null) {
            if (line.startsWith("data: ")) {
              listener.accept(JSON.readTree(line.substring(6)));
            }
          }
        }
      } catch (IOException e) {
        // The stream ended; the caller still polls the operation for its outcome.
      } finally {
        if (c != null) {
          c.disconnect();
        }
      }
    }, "nsbed-events");
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  private HttpURLConnection open(String method, String path) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
    c.setRequestMethod(method);
    c.setRequestProperty("Authorization", authorization);
    c.setConnectTimeout(10_000);
    c.setReadTimeout(300_000);
    return c;
  }

  // HttpURLConnection rather than java.net.http: a command makes a few calls, and the newer client
  // sets up TLS even for plain HTTP, which costs a command about half a second of start-up.
  private JsonNode send(String method, String path, String body, String contentType) {
    int status;
    String text;
    try {
      HttpURLConnection c = open(method, path);
      if (body != null) {
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", contentType);
        try (OutputStream out = c.getOutputStream()) {
          out.write(body.getBytes(StandardCharsets.UTF_8));
        }
      }
      status = c.getResponseCode();
      try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
        text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (ConnectException e) {
      throw new UserError("cannot reach the nsbed server at " + base + " (is it running?)", Nsbed.EXIT_FAILED);
    } catch (IOException e) {
      throw new UserError("the nsbed server at " + base + " did not answer: " + e.getMessage(), Nsbed.EXIT_FAILED);
    }
    JsonNode answer;
    try {
      answer = text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UserError("the server at " + base + " answered " + status + " with something that is not "
          + "JSON; is that an nsbed server?", Nsbed.EXIT_FAILED);
    }
    if (status >= 400) {
      JsonNode error = answer.path("error");
      for (JsonNode d : error.path("diagnostics")) {
        try {
          System.err.println(JSON.treeToValue(d, Diagnostic.class).format());
        } catch (JsonProcessingException e) {
          System.err.println(d);
        }
      }
      String message = error.path("message").asText("the server answered " + status);
      throw new UserError(message, status >= 500 ? Nsbed.EXIT_FAILED : Nsbed.EXIT_USER_ERROR);
    }
    return answer;
  }

  private static String write(Object body) {
    try {
      return body == null ? "" : JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
