package org.nsbed.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nsbed.provisioner.access.Principal;
import org.nsbed.provisioner.access.Principals;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentView;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.experiment.lifecycle.ProjectAccess;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.swap.ExperimentOperations;
import org.nsbed.server.json.ExperimentJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/events[?experiment=PID/EID]}: server-sent events, one JSON object per node
 * progress change ({@code node}), experiment state change ({@code experiment}) and operation
 * change ({@code operation}), for the experiments the caller may see.
 *
 * <p>The server polls the database a few times a second instead of listening to this process's
 * jobs: with several servers on one database, the job of a swap-in may run on another server,
 * and the database is the one place that sees every node's progress. One poll serves every open
 * stream: it reads all experiments with their runs and nodes, the users of the open streams with
 * their projects, and the operations being watched, and then each stream sends its client what
 * changed among the experiments its user may see. A stream whose user lost the project of its
 * experiment, or whose experiment was ended, says so in an {@code end} event and closes; a
 * membership removed from the testbed file takes effect at the next poll.
 */
public final class EventStreams implements AutoCloseable {
  static final String EXPERIMENT = "nsbed.events.experiment";
  private static final Logger LOG = LoggerFactory.getLogger(EventStreams.class);
  private static final long POLL_MS = 250;
  private static final long KEEP_ALIVE_MS = 15_000;

  private final Engine engine;
  private final Principals principals;
  private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
  /** One thread: polls never overlap, and each stream is written by this thread alone. */
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "nsbed-events");
    t.setDaemon(true);
    return t;
  });

  public EventStreams(Engine engine, Principals principals) {
    this.engine = engine;
    this.principals = principals;
    poller.scheduleWithFixedDelay(this::poll, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
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
    Stream stream = new Stream(client, caller.user(), only);
    streams.add(stream);
    client.onClose(() -> streams.remove(stream));
    // The new client hears the current state now rather than at the next poll.
    poller.execute(this::poll);
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }

  private void poll() {
    streams.removeIf(Stream::terminated);
    if (streams.isEmpty()) {
      return;
    }
    Snapshot snapshot;
    try {
      snapshot = read();
    } catch (RuntimeException e) {
      // The database did not answer this time; the streams stay open and the next poll tries again.
      LOG.warn("reading the events of {} stream(s) failed", streams.size(), e);
      return;
    }
    for (Stream stream : streams) {
      try {
        stream.report(snapshot);
      } catch (RuntimeException e) {
        LOG.warn("event stream of {} failed; closing it", stream.user, e);
        stream.client.close();
      }
    }
  }

  /** What one poll reads for all streams. */
  private record Snapshot(Map<String, ExperimentView> experiments, Map<String, Principal> users,
      Map<String, Operation> operations) {}

  private Snapshot read() {
    Map<String, ExperimentView> experiments = new LinkedHashMap<>();
    Set<String> operationIds = new HashSet<>();
    for (ExperimentView v : new ExperimentOperations(engine).all()) {
      experiments.put(v.experiment().qualifiedName(), v);
      if (v.run().locked() && v.run().operationId() != null) {
        operationIds.add(v.run().operationId());
      }
    }
    Set<String> users = new HashSet<>();
    for (Stream stream : streams) {
      users.add(stream.user);
      operationIds.addAll(stream.watchedOperations.keySet());
    }
    Map<String, Principal> known = principals.ofUsers(users);
    Map<String, Operation> operations = new HashMap<>();
    if (!operationIds.isEmpty()) {
      engine.experiments().operations(operationIds).forEach(op -> operations.put(op.id(), op));
    }
    return new Snapshot(experiments, known, operations);
  }

  /** One client's stream and what it has already told the client. */
  private static final class Stream {
    private final SseClient client;
    private final String user;
    private final String[] only;
    private final Map<String, String> sent = new HashMap<>();
    private final Map<String, String> watchedOperations = new HashMap<>();
    private long lastWrite = System.currentTimeMillis();

    Stream(SseClient client, String user, String[] only) {
      this.client = client;
      this.user = user;
      this.only = only;
    }

    boolean terminated() {
      return client.terminated();
    }

    void report(Snapshot snapshot) {
      if (client.terminated()) {
        return;
      }
      try {
        Principal principal = snapshot.users().get(user);
        if (principal == null) {
          throw ProjectAccess.unknownUser(user);
        }
        if (only != null) {
          ProjectAccess.require(principal, only[0]);
          ExperimentView v = snapshot.experiments().get(only[0] + "/" + only[1]);
          if (v == null) {
            throw LifecycleException.notFound("no experiment " + only[0] + "/" + only[1] + " (it was ended)");
          }
          report(v);
        } else {
          for (ExperimentView v : snapshot.experiments().values()) {
            if (principal.mayActIn(v.experiment().pid())) {
              report(v);
            }
          }
        }
        reportOperations(snapshot.operations());
        if (System.currentTimeMillis() - lastWrite > KEEP_ALIVE_MS) {
          client.sendComment("keep-alive");
          lastWrite = System.currentTimeMillis();
        }
      } catch (LifecycleException e) {
        // The experiment was ended or the caller lost access: say so once and end the stream.
        ObjectNode end = ExperimentJson.MAPPER.createObjectNode().put("type", "end").put("message", e.getMessage());
        send("end", end);
        client.close();
      }
    }

    private void report(ExperimentView v) {
      String exp = v.experiment().qualifiedName();
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

    private void reportOperations(Map<String, Operation> operations) {
      for (var it = watchedOperations.entrySet().iterator(); it.hasNext(); ) {
        var entry = it.next();
        Operation op = operations.get(entry.getKey());
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
