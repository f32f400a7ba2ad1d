package org.nsbed.server.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.nsbed.provisioner.node.BootTarget;
import org.nsbed.provisioner.node.NodeEvent;
import org.nsbed.provisioner.node.NodeFaults;
import org.nsbed.provisioner.node.BootState;
import org.nsbed.provisioner.node.PowerAction;
import org.nsbed.provisioner.node.remote.HostCommand;
import org.nsbed.provisioner.node.remote.HostedNode;
import org.nsbed.provisioner.node.remote.NodeHosts;
import org.nsbed.provisioner.testbed.TestbedFile;
import org.nsbed.server.json.ExperimentJson;

/**
 * The JSON of the node host calls (docs/server.md, "Node hosts"), written and read here for both
 * sides: the server's routes and {@code nsbed agent}. Reading checks every field and names the
 * one that is wrong ({@link IllegalArgumentException}).
 */
public final class AgentJson {
  private AgentJson() {}

  /** A report of an agent: node events in the order they happened, and console output by node. */
  public record Report(List<NodeEvent> events, Map<String, String> console) {}

  public static ObjectNode registration(NodeHosts.Registration r, int pollSeconds) {
    ObjectNode out = ExperimentJson.MAPPER.createObjectNode();
    out.put("session", r.session());
    out.put("timeScale", r.timeScale());
    out.put("pollSeconds", pollSeconds);
    ArrayNode nodes = out.putArray("nodes");
    for (HostedNode n : r.nodes()) {
      ObjectNode o = nodes.addObject();
      o.put("name", n.name()).put("type", n.type()).put("driver", n.driver()).put("biosWaitSeconds", n.biosWaitSeconds());
      o.putObject("qemu").put("memoryMiB", n.qemu().memoryMiB()).put("accel", n.qemu().accel())
          .put("diskMiB", n.qemu().diskMiB());
      ObjectNode f = o.putObject("faults");
      f.put("bootNever", n.faults().bootNever()).put("bootFails", n.faults().bootFails()).put("loss", n.faults().loss());
      n.faults().loadDiesAtPercent().ifPresent(p -> f.put("loadDiesAtPercent", p));
    }
    return out;
  }

  public static NodeHosts.Registration registration(JsonNode in) {
    List<HostedNode> nodes = new ArrayList<>();
    for (JsonNode o : array(in, "nodes")) {
      JsonNode q = o.path("qemu");
      JsonNode f = o.path("faults");
      nodes.add(new HostedNode(text(o, "name"), text(o, "type"), text(o, "driver"), o.path("biosWaitSeconds").asInt(),
          new TestbedFile.Qemu(q.path("memoryMiB").asInt(TestbedFile.Qemu.DEFAULTS.memoryMiB()),
              q.path("accel").asText(TestbedFile.Qemu.DEFAULTS.accel()),
              q.path("diskMiB").asInt(TestbedFile.Qemu.DEFAULTS.diskMiB())),
          new NodeFaults(f.path("bootNever").asBoolean(), f.path("bootFails").asBoolean(),
              f.has("loadDiesAtPercent") ? OptionalInt.of(f.path("loadDiesAtPercent").asInt()) : OptionalInt.empty(),
              f.path("loss").asDouble())));
    }
    double timeScale = in.path("timeScale").asDouble();
    if (!(timeScale > 0)) {
      throw new IllegalArgumentException("field 'timeScale' must be a positive number");
    }
    return new NodeHosts.Registration(text(in, "session"), List.copyOf(nodes), timeScale);
  }

  public static ObjectNode command(HostCommand c) {
    ObjectNode o = ExperimentJson.MAPPER.createObjectNode();
    o.put("node", c.node());
    if (c instanceof HostCommand.Power p) {
      o.put("op", "power").put("action", p.action().name().toLowerCase(Locale.ROOT));
    } else if (c instanceof HostCommand.Send s) {
      o.put("op", "send").put("text", s.text());
    } else if (c instanceof HostCommand.Capture k) {
      o.put("op", "capture").put("partition", k.partition()).put("capture", k.capture());
    } else if (c instanceof HostCommand.NextBoot b) {
      o.put("op", "boot");
      if (b.target() instanceof BootTarget.LoadImage l) {
        o.put("target", "load").put("image", l.image())
            .put("group", l.group().getAddress().getHostAddress() + ":" + l.group().getPort())
            .put("iface", l.iface()).put("ttl", l.ttl()).put("imageBytes", l.imageBytes())
            .put("rebootAfterLoad", l.rebootAfterLoad());
      } else if (b.target() instanceof BootTarget.Disk d) {
        o.put("target", "disk").put("osid", d.osid());
      }
    }
    return o;
  }

  public static HostCommand command(JsonNode o) {
    String node = text(o, "node");
    return switch (text(o, "op")) {
      case "power" -> new HostCommand.Power(node, power(text(o, "action")));
      case "send" -> new HostCommand.Send(node, text(o, "text"));
      case "capture" -> new HostCommand.Capture(node, o.path("partition").asInt(), text(o, "capture"));
      case "boot" -> switch (text(o, "target")) {
        case "disk" -> new HostCommand.NextBoot(node, new BootTarget.Disk(o.path("osid").isTextual()
            ? o.path("osid").asText() : null));
        case "load" -> new HostCommand.NextBoot(node, new BootTarget.LoadImage(text(o, "image"),
            group(text(o, "group")), text(o, "iface"), o.path("ttl").asInt(), o.path("imageBytes").asLong(),
            o.path("rebootAfterLoad").asBoolean()));
        default -> throw new IllegalArgumentException("field 'target' must be disk or load");
      };
      default -> throw new IllegalArgumentException("field 'op' must be power, boot, send or capture");
    };
  }

  public static ObjectNode report(List<NodeEvent> events, Map<String, String> console) {
    ObjectNode out = ExperimentJson.MAPPER.createObjectNode();
    ArrayNode ev = out.putArray("events");
    for (NodeEvent e : events) {
      ev.addObject().put("node", e.node()).put("state", e.state().name()).put("detail", e.detail())
          .put("bytesDone", e.bytesDone()).put("bytesTotal", e.bytesTotal());
    }
    ArrayNode con = out.putArray("console");
    console.forEach((node, text) -> con.addObject().put("node", node).put("text", text));
    return out;
  }

  /** Reads a report; events are stamped with the time they arrive (the host's clock may differ). */
  public static Report report(JsonNode in) {
    List<NodeEvent> events = new ArrayList<>();
    Instant now = Instant.now();
    for (JsonNode e : array(in, "events")) {
      BootState state;
      try {
        state = BootState.valueOf(text(e, "state"));
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException("field 'state' is not a node state: " + e.path("state").asText());
      }
      events.add(new NodeEvent(text(e, "node"), state, e.path("detail").asText(""), e.path("bytesDone").asLong(),
          e.path("bytesTotal").asLong(), now));
    }
    Map<String, String> console = new LinkedHashMap<>();
    for (JsonNode c : array(in, "console")) {
      console.merge(text(c, "node"), text(c, "text"), String::concat);
    }
    return new Report(List.copyOf(events), console);
  }

  private static PowerAction power(String action) {
    try {
      return PowerAction.valueOf(action.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field 'action' must be on, off or cycle");
    }
  }

  /** A multicast group as a numeric IPv4 address and port (never a name: nothing is looked up). */
  private static InetSocketAddress group(String value) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,3}(?:\\.[0-9]{1,3}){3}):([0-9]{1,5})")
        .matcher(value);
    try {
      if (m.matches()) {
        InetAddress address = InetAddress.getByName(m.group(1));
        int port = Integer.parseInt(m.group(2));
        if (address.isMulticastAddress() && port > 0 && port < 65536) {
          return new InetSocketAddress(address, port);
        }
      }
    } catch (UnknownHostException e) {
      // not an address: refused below
    }
    throw new IllegalArgumentException("field 'group' must be a multicast ADDRESS:PORT, not " + value);
  }

  private static Iterable<JsonNode> array(JsonNode in, String field) {
    JsonNode a = in.path(field);
    if (a.isMissingNode()) {
      return List.of();
    }
    if (!a.isArray()) {
      throw new IllegalArgumentException("field '" + field + "' must be a list");
    }
    return a;
  }

  private static String text(JsonNode in, String field) {
    JsonNode v = in.path(field);
    if (!v.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' is missing or not text");
    }
    return v.asText();
  }
}
