package org.nsbed.interpreter.ns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsbed.grammar.SourcePosition;
import org.nsbed.interpreter.ir.Tarfile;

/**
 * A node or bridge ({@code $ns node}, {@code $ns bridge}): its hardware type, OS, failure action
 * and the rest of its per-node settings, and its interfaces in joining order.
 */
public final class NsNode extends NsObject {

  /** A manual route: {@code destination} is a node, link, LAN or link direction. */
  public record RouteDefinition(NsObject destination, NsNode nextHop) {}

  private final boolean bridge;
  private String type = "pc";
  private SourcePosition typePosition;
  private String os = "";
  private String parentOs;
  private SourcePosition osPosition;
  private String failureAction = "fatal";
  private String fixedName;
  private NsNode fixedNode;
  private String routerType;
  private String startupCmd;
  private String startCmd;
  private String cmdLine;
  private final List<String> rpms = new ArrayList<>();
  private final List<Tarfile> tarfiles = new ArrayList<>();
  private final List<String> loadList = new ArrayList<>();
  private final Map<String, Double> desires = new LinkedHashMap<>();
  private final List<RouteDefinition> routes = new ArrayList<>();
  private final List<LanLink.Member> interfaces = new ArrayList<>();
  private final Map<String, String> settings = new LinkedHashMap<>();
  private int nextAgentPort = 5001;
  private Console console;

  NsNode(NsSession session, String internalName, SourcePosition created, boolean bridge) {
    super(session, internalName, created);
    this.bridge = bridge;
  }

  @Override
  public String className() {
    return bridge ? "Bridge" : "Node";
  }

  @Override
  protected Object invoke(Call call, String method) throws NsError {
    switch (method) {
      case "set":
        return attribute(call);
      case "add-route":
        return addRoute(call);
      case "add-desire": {
        call.arity(2, 2, "$node add-desire name weight");
        String desire = call.arg(0);
        if (desires.containsKey(desire)) {
          throw call.error("Desire " + desire + " already set for " + name() + ".");
        }
        desires.put(desire, call.number(1));
        return "";
      }
      case "program-agent":
        return ProgramAgent.create(call, this, 0);
      case "start-command": {
        call.arity(1, 1, "$node start-command command");
        return startCommand(call, call.arg(0), false);
      }
      case "console":
        return console(call);
      case "attach-agent": {
        call.arity(1, 1, "$node attach-agent agent");
        if (!(session.object(call.arg(0)) instanceof Agent agent)) {
          throw call.error(call.arg(0) + " is not an Agent.");
        }
        agent.attach(this);
        return "";
      }
      case "topography": {
        call.arity(1, 1, "$node topography topography");
        settings.put("topography", call.arg(0));
        if (type.equals("pc")) {
          type = "robot";
        }
        call.warn("topographies (robot testbeds) are recorded but not acted on.");
        return "";
      }
      default:
        return unsupported(call, method);
    }
  }

  private Object addRoute(Call call) throws NsError {
    call.arity(2, 2, "$node add-route destination nexthop");
    NsObject dst = session.object(call.arg(0));
    if (dst instanceof LinkHandle h) {
      dst = h.link();
    } else if (dst instanceof NsNode n) {
      if (n.interfaces.size() != 1) {
        throw call.error(n.name() + " must have exactly one link to be a route destination; name the link instead.");
      }
    } else if (!(dst instanceof LanLink)) {
      throw call.error(call.arg(0) + " is not a node, link or LAN.");
    }
    NsNode hop = call.node(1);
    for (RouteDefinition r : routes) {
      if (r.destination() == dst) {
        throw call.error("Route to " + dst.name() + " from " + name() + " already exists.");
      }
    }
    routes.add(new RouteDefinition(dst, hop));
    return "";
  }

  /** Creates the program {@code <node>_startcmd} that runs {@code command} at time 0. */
  public ProgramAgent startCommand(Call call, String command, boolean wrap) throws NsError {
    String programCommand = wrap ? "(" + command + " ; /usr/local/etc/emulab/startcmddone $?)" : command;
    ProgramAgent program = ProgramAgent.startCommand(call, this, programCommand);
    this.startCmd = command;
    return program;
  }

  private Console console(Call call) {
    if (console == null) {
      String consoleName = name() + "-console";
      if (session.object(consoleName) != null || session.interp().getCommand(consoleName) != null) {
        consoleName = session.nextName(consoleName);
      }
      console = session.register(new Console(session, consoleName, call.position(), this), false);
    }
    return console;
  }

  /** Adds an interface; returns its port. */
  int join(LanLink.Member member) {
    interfaces.add(member);
    return interfaces.size() - 1;
  }

  /** The next agent port on this node (5001 upward). */
  int nextAgentPort() {
    return nextAgentPort++;
  }

  public boolean isBridge() {
    return bridge;
  }

  public String type() {
    return type;
  }

  public SourcePosition typePosition() {
    return typePosition != null ? typePosition : position();
  }

  public void type(String type, SourcePosition at) {
    this.type = type;
    this.typePosition = at;
  }

  public String os() {
    return os;
  }

  public String parentOs() {
    return parentOs;
  }

  public SourcePosition osPosition() {
    return osPosition != null ? osPosition : position();
  }

  public void os(String os, String parentOs, SourcePosition at) {
    this.os = os;
    this.parentOs = parentOs;
    this.osPosition = at;
  }

  public String failureAction() {
    return failureAction;
  }

  public void failureAction(String action) {
    this.failureAction = action;
  }

  /** The physical node name it is fixed to, or the hosting virtual node's current name. */
  public String fixed() {
    return fixedNode != null ? fixedNode.name() : fixedName;
  }

  public NsNode fixedNode() {
    return fixedNode;
  }

  public void fixTo(String physical) {
    this.fixedName = physical;
    this.fixedNode = null;
  }

  public void fixTo(NsNode host) {
    this.fixedNode = host;
    this.fixedName = null;
  }

  public String routerType() {
    return routerType;
  }

  public void routerType(String routerType) {
    this.routerType = routerType;
  }

  public String startupCmd() {
    return startupCmd;
  }

  public void startupCmd(String cmd) {
    this.startupCmd = cmd;
  }

  public String startCmd() {
    return startCmd;
  }

  public String cmdLine() {
    return cmdLine;
  }

  public void cmdLine(String cmdLine) {
    this.cmdLine = cmdLine;
  }

  public List<String> rpms() {
    return rpms;
  }

  public List<Tarfile> tarfiles() {
    return tarfiles;
  }

  public List<String> loadList() {
    return loadList;
  }

  public Map<String, Double> desires() {
    return desires;
  }

  public List<RouteDefinition> routes() {
    return routes;
  }

  /** Interfaces by port. */
  public List<LanLink.Member> interfaces() {
    return interfaces;
  }

  /** Less common settings as written. */
  public Map<String, String> settings() {
    return settings;
  }
}
