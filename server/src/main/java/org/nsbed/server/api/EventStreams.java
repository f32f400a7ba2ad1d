package org.nsbed.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.swap.ExperimentOperations;
import org.nsbed.scheduler.swap.ExperimentView;
import org.nsbed.server.json.ExperimentJson;

/**
 * {@code GET /api/v1/events[?experiment=PID/EID]}: server-sent events, one JSON object per node
 * progress change ({@code node}), experiment state change ({@code experiment}) and operation
 * change ({@code operation}), for the experiments the caller may see.
 *
 * <p>Each stream polls the database a few times a second instead of listening to this process's
 * jobs: with several servers on one database, the job of a swap-in may run on another server,
 * and the database is the one place that sees every node's progress.
 */
public final class EventStreams implements AutoCloseable {
  static final String EXPERIMENT = "nsbed.events.experiment";
  private static final long POLL_MS = 250;
  private static final long KEEP_ALIVE_MS = 15_000;

  private final Engine engine;
  private final ScheduledExecutorService poller = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "nsbed-events");
    t.setDaemon(true);
    return t;
  });

  public EventStreams(Engine engine) {
    this.engine = engine;
  }

  /** Before the stream opens: checks the experiment filter, so a refusal is an ordinary JSON error. */
  public void check(Context ctx) {
    String filter = ctx.queryParam("experiment");
    if (filter != null) {
      checkFilter(ctx, filter);
    }
    String accept = ctx.header("Accept");
    if (accept == null || !accept.contains("text/event-stream")) {
      throw new ApiException(406, "this is a stream of server-sent events: send Accept: text/event-stream");
    }
  }

  private void checkFilter(Context ctx, String filter) {
    int slash = filter.indexOf('/');
    if (slash < 0) {
      throw ApiException.badRequest("experiment must be PID/EID, not '" + filter + "'");
    }
    String pid = Requests.name(filter.substring(0, slash), Requests.PID, "project");
    String eid = Requests.name(filter.substring(slash + 1), Requests.EID, "experiment name");
    Caller caller = ApiRoutes.caller(ctx);
    caller.requireProject(pid);
    new ExperimentOperations(engine).view(pid, eid, caller.user());
    ctx.attribute(EXPERIMENT, new String[] {pid, eid});
  }

  /** Starts streaming to {@code client} until it disconnects or the server stops. */
  public void open(SseClient client) {
    Caller caller = ApiRoutes.caller(client.ctx());
    String[] only = client.ctx().attribute(EXPERIMENT);
    client.keepAlive();
    Stream stream = new Stream(client, caller, only);
    ScheduledFuture<?> task = poller.scheduleWithFixedDelay(stream::poll, 0, POLL_MS, TimeUnit.MILLISECONDS);
    client.onClose(() -> task.cancel(false));
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }

  /** One client's stream and what it has already told the client. */
  private final class Stream {
    private final SseClient client;
    private final Caller caller;
    private final String[] only;
    private final Map<String, String> sent = new HashMap<>();
    private final Map<String, String> watchedOperations = new HashMap<>();
    private long lastWrite = System.currentTimeMillis();

    Stream(SseClient client, Caller caller, String[] only) {
      this.client = client;
      this.caller = caller;
      this.only = only;
    }

    void poll() {
      if (client.terminated()) {
        return;
      }
      try {
        ExperimentOperations ops = new ExperimentOperations(engine);
        List<ExperimentView> views = only != null
            ? List.of(ops.view(only[0], only[1], caller.user()))
            : ops.visibleTo(caller.user());
        for (ExperimentView v : views) {
          report(v);
        }
        reportOperations();
        if (System.currentTimeMillis() - lastWrite > KEEP_ALIVE_MS) {
          client.sendComment("keep-alive");
          lastWrite = System.currentTimeMillis();
        }
      } catch (RuntimeException e) {
        // The experiment was ended or the caller lost access: say so once and end the stream.
        ObjectNode end = ExperimentJson.MAPPER.createObjectNode().put("type", "end").put("message", e.getMessage());
        send("end", end);
        client.close();
      }
    }

    private void report(ExperimentView v) {
      String exp = v.experiment().project().pid() + "/" + v.experiment().eid();
      ObjectNode state = ExperimentJson.MAPPER.createObjectNode().put("type", "experiment").put("experiment", exp)
          .put("state", v.experiment().state().label());
      changed("experiment " + exp, state.toString(), "experiment", state);
      for (ExperimentNode n : v.nodes()) {
        // "type" names the event; the node's type goes by "nodeType" here.
        ObjectNode node = ExperimentJson.node(n);
        node.set("nodeType", node.remove("type"));
        ObjectNode o = ExperimentJson.MAPPER.createObjectNode().put("type", "node").put("experiment", exp);
        o.setAll(node);
        changed("node " + exp + " " + n.vname(), o.toString(), "node", o);
      }
      if (v.run().locked() && v.run().operationId() != null) {
        watchedOperations.putIfAbsent(v.run().operationId(), exp);
      }
    }

    private void reportOperations() {
      for (var it = watchedOperations.entrySet().iterator(); it.hasNext(); ) {
        var entry = it.next();
        Operation op = engine.operation(entry.getKey());
        if (op == null) {
          it.remove();
          continue;
        }
        ObjectNode o = ApiRoutes.operationJson(op).put("type", "operation").put("experiment", entry.getValue());
        changed("operation " + op.id(), o.toString(), "operation", o);
        if (op.state().finished()) {
          it.remove();
        }
      }
    }

    private void changed(String key, String value, String event, ObjectNode data) {
      if (!Objects.equals(sent.put(key, value), value)) {
        send(event, data);
      }
    }

    private void send(String event, ObjectNode data) {
      client.sendEvent(event, data.toString());
      lastWrite = System.currentTimeMillis();
    }
  }
}
