package org.nsbed.server.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentInfo;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentLogLine;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentRun;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentView;

/**
 * The {@code expinfo --json} object, the same for the CLI and the API:
 * {@code {"pid","eid","state","nodes":[{"name","physical","type","os","image","failureAction","status","reason"}]}}
 * plus timings and the last operation.
 */
public final class ExperimentJson {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private ExperimentJson() {}

  /** The expinfo object. */
  public static ObjectNode expinfo(ExperimentView view) {
    ExperimentInfo e = view.experiment();
    ExperimentRun run = view.run();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("pid", e.pid());
    root.put("eid", e.eid());
    root.put("state", e.state().label());
    root.put("description", e.description());
    ArrayNode list = root.putArray("nodes");
    for (ExperimentNode n : view.nodes()) {
      list.add(node(n));
    }
    ObjectNode last = root.putObject("lastOperation");
    last.put("operation", run.operation());
    last.put("result", run.result());
    last.put("message", run.message());
    last.put("attempt", run.attempt());
    putSeconds(last, "totalSeconds", run.totalMs());
    putSeconds(last, "loadSeconds", run.loadMs());
    putSeconds(last, "bootSeconds", run.bootMs());
    if (run.locked()) {
      root.put("runningOperation", run.operationId());
    }
    if (e.swappedIn() != null) {
      root.put("swappedIn", e.swappedIn().toString());
    }
    if (e.maxDurationMinutes() != null) {
      root.put("maxDurationMinutes", e.maxDurationMinutes());
    }
    return root;
  }

  /** One node of the expinfo object: name, physical, type, os, image, failureAction, status, reason, progress, timings. */
  public static ObjectNode node(ExperimentNode n) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("name", n.vname());
    o.put("physical", n.physical());
    o.put("type", n.nodeType());
    o.put("os", n.osid());
    o.put("image", n.image());
    o.put("failureAction", n.failureAction().label());
    o.put("status", n.status().label());
    o.put("reason", n.reason());
    o.put("bytesDone", n.bytesDone());
    o.put("bytesTotal", n.bytesTotal());
    putSeconds(o, "loadSeconds", n.loadMs());
    o.put("loadSkipped", n.loadSkipped());
    putSeconds(o, "bootSeconds", n.bootMs());
    return o;
  }

  /** The expinfo object with the log lines of the view ({@code "log": [{"at","line"}]}), as the API's GET returns it. */
  public static ObjectNode expinfoWithLog(ExperimentView view) {
    ObjectNode root = expinfo(view);
    ArrayNode log = root.putArray("log");
    for (ExperimentLogLine l : view.log()) {
      log.addObject().put("at", l.at().toString()).put("line", l.line());
    }
    return root;
  }

  private static void putSeconds(ObjectNode o, String key, Long ms) {
    if (ms == null) {
      o.putNull(key);
    } else {
      o.put(key, ms / 1000.0);
    }
  }
}
