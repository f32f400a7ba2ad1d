package org.nsbed.server.web;

import gg.jte.html.escape.Escape;
import gg.jte.output.StringOutput;
import io.javalin.http.sse.SseClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.nsbed.provisioner.catalog.ImageDescriptors.ImageView;
import org.nsbed.provisioner.node.ConsoleLog;
import org.nsbed.provisioner.node.ConsoleText;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.swap.ExperimentOperations;
import org.nsbed.server.api.Caller;

/**
 * The live parts of the pages, as server-sent events of HTML that htmx's SSE extension swaps in:
 * the experiment page's summary, nodes, timeline and log, and a node's console.
 *
 * <p>Like the API's event streams, each stream reads the database a few times a second rather
 * than listening to this process's jobs: with several servers on one database the swap-in may run
 * on another server. An experiment stream re-reads the experiment through the same operation as
 * the page, so a user who loses access gets nothing more.
 */
final class LiveUpdates implements AutoCloseable {
  private static final long EXPERIMENT_MS = 400;
  private static final long CONSOLE_MS = 300;
  private static final long KEEP_ALIVE_MS = 15_000;

  private final Engine engine;
  private final Templates templates;
  private final ScheduledExecutorService poller = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "nsbed-web-live");
    t.setDaemon(true);
    return t;
  });

  LiveUpdates(Engine engine, Templates templates) {
    this.engine = engine;
    this.templates = templates;
  }

  /**
   * Streams the experiment page's parts to {@code client} whenever they change. {@code shown} is
   * the {@link #fingerprint} of the parts the page was rendered with: if nothing changed since,
   * the stream starts quiet instead of replacing them all at once.
   */
  void experiment(SseClient client, Caller caller, String pid, String eid, String csrf, List<ImageView> images,
      String shown) {
    Map<String, String> sent = new HashMap<>();
    follow(client, EXPERIMENT_MS, () -> {
      ExperimentModel m = ExperimentModel.of(new ExperimentOperations(engine).view(pid, eid, caller.user()));
      Map<String, String> parts = parts(m, csrf, images);
      if (sent.isEmpty() && fingerprint(parts).equals(shown)) {
        sent.putAll(parts);
        return false;
      }
      boolean wrote = false;
      for (Map.Entry<String, String> part : parts.entrySet()) {
        if (!Objects.equals(sent.put(part.getKey(), part.getValue()), part.getValue())) {
          client.sendEvent(part.getKey(), part.getValue());
          wrote = true;
        }
      }
      return wrote;
    });
  }

  /** The live parts of the experiment page, by the name of their event. */
  Map<String, String> parts(ExperimentModel m, String csrf, List<ImageView> images) {
    Map<String, String> parts = new TreeMap<>();
    parts.put("summary", templates.render("experiment-summary.jte", Map.of("m", m, "csrf", csrf)));
    parts.put("nodes", templates.render("experiment-nodes.jte", Map.of("m", m, "csrf", csrf, "images", images)));
    parts.put("timeline", templates.render("timeline.jte", Map.of("t", m.timeline())));
    parts.put("log", templates.render("experiment-log.jte", Map.of("log", m.log())));
    return parts;
  }

  /** A short digest of the parts, which the page passes to its stream. */
  static String fingerprint(Map<String, String> parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      parts.forEach((k, v) -> sha.update((k + "\0" + v + "\0").getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Streams what a node's console writes after {@code offset}, as escaped text. */
  void console(SseClient client, ConsoleLog log, long offset) {
    long[] next = {offset};
    follow(client, CONSOLE_MS, () -> {
      ConsoleText text = log.read(next[0]);
      next[0] = text.nextOffset();
      if (text.text().isEmpty()) {
        return false;
      }
      StringOutput html = new StringOutput();
      Escape.htmlContent(text.text().replace("\r", ""), html);
      // A raw line break would split the event's data; a character reference keeps it in the <pre>.
      client.sendEvent("console", html.toString().replace("\n", "&#10;"));
      return true;
    });
  }

  /** Runs {@code poll} until the client goes; it returns whether it wrote anything. */
  private void follow(SseClient client, long intervalMs, Supplier<Boolean> poll) {
    client.keepAlive();
    long[] lastWrite = {System.currentTimeMillis()};
    ScheduledFuture<?> task = poller.scheduleWithFixedDelay(() -> {
      if (client.terminated()) {
        return;
      }
      try {
        if (poll.get()) {
          lastWrite[0] = System.currentTimeMillis();
        } else if (System.currentTimeMillis() - lastWrite[0] > KEEP_ALIVE_MS) {
          client.sendComment("keep-alive");
          lastWrite[0] = System.currentTimeMillis();
        }
      } catch (RuntimeException e) {
        // The experiment ended or the user lost access: the stream ends, the page keeps what it shows.
        client.sendEvent("end", "");
        client.close();
      }
    }, 0, intervalMs, TimeUnit.MILLISECONDS);
    client.onClose(() -> task.cancel(false));
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
