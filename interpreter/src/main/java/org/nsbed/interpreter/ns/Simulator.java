package org.nsbed.interpreter.ns;

import java.util.ArrayList;
import java.util.List;
import org.nsbed.grammar.SourcePosition;
import org.nsbed.interpreter.finalization.Finalizer;
import tcl.lang.TclException;
import tcl.lang.TclList;
import tcl.lang.TclObject;
import tcl.lang.TclString;

/**
 * The simulator ({@code set ns [new Simulator]}): the factory of nodes, links and LANs, the event
 * scheduler, and {@code $ns run}, which finalizes the experiment.
 */
public final class Simulator extends NsObject {

  private boolean ran;
  private NsObject nodeTopography;

  Simulator(NsSession session, String internalName, SourcePosition created) {
    super(session, internalName, created);
  }

  @Override
  public String className() {
    return "Simulator";
  }

  @Override
  protected Object invoke(Call call, String method) throws NsError {
    switch (method) {
      case "node":
        if (call.count() > 0) {
          call.warn("arguments of 'node' are ignored: " + String.join(" ", call.argsFrom(0)));
        }
        return node(call, false);
      case "bridge":
        return node(call, true);
      case "duplex-link":
        return duplexLink(call);
      case "make-lan":
        return makeLan(call, false);
      case "make-cloud":
        return makeLan(call, true);
      case "make-path": {
        call.arity(1, 1, "$ns make-path linklist");
        return session.register(new UnmodelledObject(session, session.nextTopologyName("tbpath-path"),
            call.position(), "Path", call), true);
      }
      case "link":
        return link(call);
      case "lanlink":
        return lanlink(call);
      case "attach-agent": {
        call.arity(2, 2, "$ns attach-agent node agent");
        NsNode node = call.node(0);
        if (!(session.object(call.arg(1)) instanceof Agent agent)) {
          throw call.error(call.arg(1) + " is not an Agent.");
        }
        agent.attach(node);
        return "";
      }
      case "connect":
        return connect(call);
      case "at":
        return at(call);
      case "rtproto":
        return rtproto(call);
      case "cost": {
        call.arity(3, 3, "$ns cost src dst cost");
        NsNode src = call.node(0);
        NsNode dst = call.node(1);
        LanLink l = session.linkBetween(src, dst);
        if (l == null) {
          throw call.error("No link between " + src.name() + " and " + dst.name() + ".");
        }
        l.member(src).settings().put("cost", Integer.toString(call.integer(2)));
        return "";
      }
      case "event-timeline":
        call.arity(0, 0, "$ns event-timeline");
        return session.register(new EventListObject(session, session.nextName("timeline"), call.position(), false),
            true);
      case "event-sequence":
        return eventSequence(call);
      case "event-group":
        return eventGroup(call);
      case "define-template-parameter":
        return templateParameter(call);
      case "node-config":
        return nodeConfig(call);
      case "make-simulated":
        call.arity(1, 1, "$ns make-simulated {script}");
        session.experimentSettings().merge("nseconfigs", call.arg(0), (a, b) -> a + "\n" + b);
        call.warn("simulated (NSE) regions are recorded but not acted on.");
        return "";
      case "run":
        return run(call);
      case "set":
        return attribute(call);
      default: {
        call.warn("Unsupported NS Statement: Simulator " + method);
        return session.register(new NullObject(session, session.nextTopologyName("tbnull-null"), call.position()),
            true);
      }
    }
  }

  private NsNode node(Call call, boolean bridge) {
    NsNode n = new NsNode(session, session.nextTopologyName(bridge ? "tbbridge-b" : "tbnode-n"), call.position(),
        bridge);
    if (nodeTopography != null && !bridge) {
      n.settings().put("topography", nodeTopography.name());
    }
    session.nodes().add(n);
    return session.register(n, true);
  }

  private LanLink duplexLink(Call call) throws NsError {
    if (call.count() < 4) {
      throw call.error("wrong number of arguments; usage: $ns duplex-link node1 node2 bandwidth delay ?queue?");
    }
    NsNode a = call.node(0);
    NsNode b = call.node(1);
    int bw = call.linkBandwidth(2, 100000);
    int delay = call.linkDelay(3);
    String queue = call.count() > 4 ? queueType(call, call.arg(4)) : "DropTail";
    if (call.count() > 5) {
      call.warn("extra arguments ignored: " + String.join(" ", call.argsFrom(5)));
    }
    LanLink link = new LanLink(session, session.nextTopologyName("tblink-l"), call.position(), false);
    link.addMember(a, queue, delay / 2.0, bw);
    link.addMember(b, queue, delay / 2.0, bw);
    if (!queue.equals("DropTail")) {
      link.settings().put("mustdelay", "1");
    }
    session.lanLinks().add(link);
    session.linked(a, b, link);
    return session.register(link, true);
  }

  private static String queueType(Call call, String q) {
    return switch (q) {
      case "DropTail", "RED", "GRED" -> q;
      default -> {
        call.warn("queue type " + q + " is not supported; DropTail is used.");
        yield "DropTail";
      }
    };
  }

  private LanLink makeLan(Call call, boolean cloud) throws NsError {
    if (call.count() < 3) {
      throw call.error("wrong number of arguments; usage: $ns " + call.command() + " \"node1 node2 ...\" bandwidth delay");
    }
    List<NsNode> members = new ArrayList<>();
    for (String name : list(call, call.arg(0))) {
      if (!(session.object(name) instanceof NsNode n)) {
        throw call.error(name + " is not a node.");
      }
      members.add(n);
    }
    int bw = call.linkBandwidth(1, 100000);
    int delay = call.linkDelay(2);
    if (call.count() > 3) {
      call.warn("extra arguments ignored: " + String.join(" ", call.argsFrom(3)));
    }
    LanLink lan = new LanLink(session, session.nextTopologyName("tblan-lan"), call.position(), true);
    for (NsNode n : members) {
      lan.addMember(n, "DropTail", delay / 2.0, bw);
    }
    if (cloud) {
      lan.settings().put("iscloud", "1");
      lan.settings().put("mustdelay", "1");
    }
    session.lanLinks().add(lan);
    return session.register(lan, true);
  }

  /** The elements of a Tcl list; a malformed list is an error of the call. */
  public static List<String> list(Call call, String text) throws NsError {
    try {
      TclObject[] elements = TclList.getElements(call.session().interp(), TclString.newInstance(text));
      List<String> out = new ArrayList<>(elements.length);
      for (TclObject e : elements) {
        out.add(e.toString());
      }
      return out;
    } catch (TclException e) {
      throw call.error("'" + text + "' is not a valid list.");
    }
  }

  private LinkHandle link(Call call) throws NsError {
    call.arity(2, 2, "$ns link src dst");
    NsNode src = call.node(0);
    NsNode dst = call.node(1);
    LanLink l = session.linkBetween(src, dst);
    if (l == null) {
      throw call.error("No link between " + src.name() + " and " + dst.name() + ".");
    }
    return l.member(src).handle(call);
  }

  private LinkHandle lanlink(Call call) throws NsError {
    call.arity(2, 2, "$ns lanlink lan node");
    LanLink lan = call.lanLink(0);
    NsNode node = call.node(1);
    LanLink.Member m = lan.member(node);
    if (m == null) {
      throw call.error(node.name() + " is not in " + lan.name() + ".");
    }
    return m.handle(call);
  }

  private Object connect(Call call) throws NsError {
    call.arity(2, 2, "$ns connect src dst");
    NsObject a = call.object(0, "an Agent or a node");
    NsObject b = call.object(1, "an Agent or a console");
    if (a instanceof Agent src && b instanceof Agent dst) {
      src.connect(dst);
      dst.connect(src);
      return "";
    }
    if (a instanceof NsNode node && b instanceof Console console) {
      console.tunnel(call, node);
      return "";
    }
    throw call.error("cannot connect " + a.name() + " (" + a.className() + ") to " + b.name() + " (" + b.className()
        + "): connect two Agents, or a node to a console.");
  }

  private Object at(Call call) throws NsError {
    call.arity(2, 2, "$ns at time \"event; event ...\"");
    EventParser.schedule(call, call.arg(0), call.arg(1), session.events());
    return "";
  }

  private Object rtproto(Call call) throws NsError {
    if (call.count() < 1) {
      throw call.error("wrong number of arguments; usage: $ns rtproto type");
    }
    if (call.count() > 1) {
      call.warn("extra arguments ignored: " + String.join(" ", call.argsFrom(1)));
    }
    String routing = switch (call.arg(0)) {
      case "Session", "ospf" -> "ospf";
      case "Manual" -> "manual";
      case "Static" -> "static";
      case "Static-ddijk" -> "static-ddijk";
      case "Static-old" -> "static-old";
      default -> null;
    };
    if (routing == null) {
      call.warn("routing protocol " + call.arg(0) + " is not supported and is ignored.");
    } else {
      session.routing(routing);
    }
    return "";
  }

  private EventListObject eventSequence(Call call) throws NsError {
    call.arity(0, 3, "$ns event-sequence ?{events}? ?catch {events}?");
    EventListObject seq = new EventListObject(session, session.nextName("sequence"), call.position(), true);
    session.register(seq, true);
    if (call.count() > 0) {
      seq.appendLines(call, call.arg(0));
    }
    if (call.count() == 3) {
      if (!call.arg(1).equals("catch")) {
        throw call.error("expected 'catch' before the second event list, got '" + call.arg(1) + "'.");
      }
      seq.catchLines(call, call.arg(2));
    } else if (call.count() == 2) {
      throw call.error("usage: $ns event-sequence {events} catch {events}");
    }
    return seq;
  }

  private EventGroupObject eventGroup(Call call) throws NsError {
    call.arity(0, 1, "$ns event-group ?objects?");
    EventGroupObject group = new EventGroupObject(session, session.nextName("group"), call.position());
    if (call.count() == 1) {
      for (String name : list(call, call.arg(0))) {
        group.add(call, name);
      }
    }
    session.eventGroups().add(group);
    return session.register(group, true);
  }

  private Object templateParameter(Call call) throws NsError {
    if (call.count() < 2 || call.count() > 3) {
      throw call.error("usage: $ns define-template-parameter name default ?description?");
    }
    String name = call.arg(0);
    String value = session.parameters().getOrDefault(name, call.arg(1));
    session.parameters().put(name, value);
    try {
      session.interp().setVar(name, null, value, tcl.lang.TCL.GLOBAL_ONLY);
    } catch (TclException e) {
      throw call.error("cannot set the parameter " + name + ": " + session.interp().getResult());
    }
    return value;
  }

  private Object nodeConfig(Call call) throws NsError {
    if (call.count() % 2 != 0) {
      throw call.error("usage: $ns node-config -topography topography");
    }
    for (int i = 0; i < call.count(); i += 2) {
      if (!call.arg(i).equals("-topography")) {
        throw call.error("bad option " + call.arg(i) + ": must be -topography.");
      }
      nodeTopography = call.object(i + 1, "a topography");
    }
    return "";
  }

  private Object run(Call call) throws NsError {
    call.arity(0, 0, "$ns run");
    if (ran) {
      throw call.error("The Simulator 'run' statement can only be run once.");
    }
    ran = true;
    session.result(new Finalizer(session).finish(true));
    return "";
  }

  /** True once {@code $ns run} was executed. */
  public boolean ran() {
    return ran;
  }
}
