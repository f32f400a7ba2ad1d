package org.nsbed.interpreter.finalization;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.nsbed.grammar.SourcePosition;
import org.nsbed.interpreter.catalog.NsCatalog.HardwareType;
import org.nsbed.interpreter.ir.Event;
import org.nsbed.interpreter.ir.EventGroup;
import org.nsbed.interpreter.ir.EventList;
import org.nsbed.interpreter.ir.ExperimentSettings;
import org.nsbed.interpreter.ir.LanMember;
import org.nsbed.interpreter.ir.NodeInterface;
import org.nsbed.interpreter.ir.Program;
import org.nsbed.interpreter.ir.Route;
import org.nsbed.interpreter.ir.TrafficAgent;
import org.nsbed.interpreter.ir.VType;
import org.nsbed.interpreter.ir.VirtualExperiment;
import org.nsbed.interpreter.ir.VirtualLan;
import org.nsbed.interpreter.ir.VirtualNode;
import org.nsbed.interpreter.ns.Agent;
import org.nsbed.interpreter.ns.EventGroupObject;
import org.nsbed.interpreter.ns.EventListObject;
import org.nsbed.interpreter.ns.LanLink;
import org.nsbed.interpreter.ns.NsNode;
import org.nsbed.interpreter.ns.NsObject;
import org.nsbed.interpreter.ns.NsSession;
import org.nsbed.interpreter.ns.ProgramAgent;
import org.nsbed.interpreter.ns.ScheduledEvent;
import org.nsbed.interpreter.ns.VTypeDefinition;
import org.nsbed.interpreter.value.Ipv4;
import org.nsbed.interpreter.value.ValueException;

/**
 * What {@code $ns run} does (docs/ns-language.md, "What $ns run does"): fills in IP addresses,
 * checks names and LAN sizes, applies default OSes, checks sub-OS pairs, and builds the immutable
 * IR. Checks made here point at the line where the offending object was created or named.
 */
public final class Finalizer {

  private static final Pattern DNS_NAME = Pattern.compile("^[-0-9A-Za-z]+$");

  private final NsSession session;
  private boolean checks;
  private final Map<NsNode, List<String>> hostedSubnodeTypes = new java.util.IdentityHashMap<>();

  public Finalizer(NsSession session) {
    this.session = session;
  }

  /**
   * Finalizes the experiment.
   *
   * @param checks false to build the IR of a file that never reached {@code $ns run}, without
   *     reporting anything
   */
  public VirtualExperiment finish(boolean checks) {
    this.checks = checks;
    if (!"1".equals(session.experimentSettings().get("useIpassign"))) {
      new IpAssigner(this::remote, new IpAssigner.Problems() {
        @Override
        public void error(String command, String message, SourcePosition at) {
          Finalizer.this.error(command, message, at);
        }

        @Override
        public void warning(String command, String message, SourcePosition at) {
          Finalizer.this.warning(command, message, at);
        }
      }).assign(session.lanLinksInReferenceOrder());
    }
    for (NsNode n : session.nodes()) {
      if (n.fixedNode() != null && hardware(n.type()).map(HardwareType::subnode).orElse(false)) {
        hostedSubnodeTypes.computeIfAbsent(n.fixedNode(), k -> new ArrayList<>()).add(n.type());
      }
    }
    List<VirtualNode> nodes = new ArrayList<>();
    List<VirtualNode> hosts = new ArrayList<>();
    for (NsNode n : session.nodes()) {
      nodes.add(node(n, hosts));
    }
    nodes.addAll(hosts);
    List<VirtualLan> lans = new ArrayList<>();
    for (LanLink l : session.lanLinks()) {
      lans.add(lan(l));
    }
    return new VirtualExperiment(experiment(), nodes, lans, vtypes(), programs(), agents(),
        events(session.events()), eventLists(), eventGroups(), session.parameters());
  }

  private void error(String command, String message, SourcePosition at) {
    if (checks) {
      session.error(command, message, at);
    }
  }

  private void warning(String command, String message, SourcePosition at) {
    if (checks) {
      session.warning(command, message, at);
    }
  }

  private Optional<HardwareType> hardware(String type) {
    if (session.vtypes().containsKey(type)) {
      return Optional.empty();
    }
    return session.catalog().hardwareType(type);
  }

  private boolean remote(NsNode n) {
    return hardware(n.type()).map(HardwareType::remote).orElse(false);
  }

  private VirtualNode node(NsNode n, List<VirtualNode> hosts) {
    String name = n.name();
    if (!DNS_NAME.matcher(name).matches()) {
      error("run", "Invalid node name " + name + ". Can only contain [-0-9A-Za-z] due to DNS limitations.",
          n.position());
    } else if (name.equals("ops")) {
      error("run", "Invalid node name ops: the name is reserved for the testbed's ops node.", n.position());
    }
    Optional<HardwareType> hw = hardware(n.type());
    String os = n.os();
    if (os.isEmpty()) {
      os = hw.map(HardwareType::defaultOs).orElse("");
    }
    if (n.parentOs() != null && session.full()) {
      Set<String> parents = session.catalog().parentOsids(n.os());
      if (parents.isEmpty()) {
        error("tb-set-node-os", n.os() + " is not a sub-OS: it does not run on a parent OS (" + n.parentOs() + ").",
            n.osPosition());
      } else if (!parents.contains(n.parentOs())) {
        error("tb-set-node-os", "subOSID " + n.os() + " does not run on parent OSID " + n.parentOs() + "!",
            n.osPosition());
      }
    }
    Map<String, Double> desires = new LinkedHashMap<>(n.desires());
    String fixed = n.fixed();
    boolean subnode = hw.map(HardwareType::subnode).orElse(false);
    if (subnode && fixed == null && !n.isBridge()) {
      String hostName = "host-" + name;
      String hostType = n.type().startsWith("mica") ? "mote-host" : "pc";
      hosts.add(new VirtualNode(hostName, hostType, session.catalog().hardwareType(hostType)
          .map(HardwareType::defaultOs).orElse(""), null, "fatal", null, "node", routerType(n), null, null, null,
          List.of(), List.of(), List.of(), Map.of("hosts-" + n.type(), 1.0), List.of(), List.of(), Map.of(),
          n.position().line(), n.position().column()));
      fixed = hostName;
    }
    for (String hosted : hostedSubnodeTypes.getOrDefault(n, List.of())) {
      desires.putIfAbsent("hosts-" + hosted, 1.0);
    }
    List<NodeInterface> interfaces = new ArrayList<>();
    for (LanLink.Member m : n.interfaces()) {
      interfaces.add(new NodeInterface(m.port(), m.lan().name(), m.effectiveIp(), Ipv4.format(m.lan().mask())));
    }
    List<Route> routes = n.routes().stream()
        .map(r -> new Route(r.destination().name(), r.nextHop().name())).toList();
    return new VirtualNode(name, n.type(), os, n.parentOs(), n.failureAction(), fixed,
        n.isBridge() ? "bridge" : "node", routerType(n), n.startupCmd(), n.startCmd(), n.cmdLine(), n.rpms(),
        n.tarfiles(), n.loadList(), desires, routes, interfaces, n.settings(), n.position().line(),
        n.position().column());
  }

  private String routerType(NsNode n) {
    return n.routerType() != null ? n.routerType() : session.routing();
  }

  private VirtualLan lan(LanLink l) {
    String kind = l.isLan() ? "lan" : "link";
    if (!DNS_NAME.matcher(l.name()).matches()) {
      error("run", "Invalid " + kind + " name " + l.name() + ". Can only contain [-0-9A-Za-z] due to DNS limitations.",
          l.position());
    }
    if (l.members().size() <= 1) {
      error("run", l.name() + " has only a single node.  LANs must have at least 2 nodes in them.", l.position());
    }
    long mask = l.mask();
    List<LanMember> members = new ArrayList<>();
    for (LanLink.Member m : l.members()) {
      String ip = m.effectiveIp();
      checkHostPart(l, m, ip, mask);
      members.add(new LanMember(m.node().name(), m.port(), ip, m.delayMs(), m.rdelayMs(), m.bandwidthKbps(),
          m.rbandwidthKbps(), m.loss(), m.rloss(), m.estBandwidthKbps(), m.restBandwidthKbps(), m.backfillKbps(),
          m.rbackfillKbps(), m.queueSettings()));
    }
    return new VirtualLan(l.name(), kind, Ipv4.format(mask), l.failureAction(), l.protocol(), members, l.settings(),
        l.position().line(), l.position().column());
  }

  private void checkHostPart(LanLink l, LanLink.Member m, String ip, long mask) {
    if (ip == null || m.ip() == null) {
      return;
    }
    try {
      long host = Ipv4.parse(ip) & ~mask & 0xFFFFFFFFL;
      long all = ~mask & 0xFFFFFFFFL;
      if (host == 0 || host == all) {
        error("check-ip-mask", "IP address " + ip + " of " + m.node().name() + " in " + l.name()
            + " is the " + (host == 0 ? "network" : "broadcast") + " address of its subnet (mask "
            + Ipv4.format(mask) + ").", m.ipPosition() != null ? m.ipPosition() : l.position());
      }
    } catch (ValueException e) {
      // Reported where the address was set.
    }
  }

  private ExperimentSettings experiment() {
    NsNode sync = session.syncServer();
    String syncName = sync != null ? sync.name() : session.nodes().stream()
        .filter(n -> !n.isBridge() && !hardware(n.type()).map(HardwareType::subnode).orElse(false))
        .map(NsNode::name)
        .min(Comparator.naturalOrder())
        .orElse(null);
    return new ExperimentSettings(session.routing(), syncName, session.delayThresholdMs(),
        session.settings().bandwidthLimitKbps(), session.environment(), session.experimentSettings());
  }

  private List<VType> vtypes() {
    List<VType> out = new ArrayList<>();
    for (VTypeDefinition v : session.vtypes().values()) {
      out.add(new VType(v.name(), v.weight(), v.types()));
    }
    return out;
  }

  private List<Program> programs() {
    List<Program> out = new ArrayList<>();
    for (ProgramAgent p : session.programs()) {
      if (p.node() == null) {
        error("run", "Program " + p.programName() + " has no node: set one with $prog set node $node.", p.position());
      }
      if (p.command() != null && p.command().contains("\n")) {
        error("run", "The command of program " + p.programName() + " contains a newline; use one line.",
            p.position());
      }
      out.add(new Program(p.programName(), p.node() != null ? p.node().name() : null, p.command(), p.directory(),
          p.timeout(), p.expectedExitCode(), p.position().line()));
    }
    return out;
  }

  private List<TrafficAgent> agents() {
    List<TrafficAgent> out = new ArrayList<>();
    for (Agent a : session.agents()) {
      var app = a.application();
      out.add(new TrafficAgent(a.name(), a.className(), a.node() != null ? a.node().name() : null, a.port(),
          a.peer() != null ? a.peer().name() : null, app != null ? app.className() : null,
          app != null ? app.name() : null, app != null ? app.attributes() : Map.of()));
    }
    return out;
  }

  private static List<Event> events(List<ScheduledEvent> scheduled) {
    List<Event> out = new ArrayList<>(scheduled.size());
    for (ScheduledEvent e : scheduled) {
      out.add(new Event(e.time(), e.trigger(), e.objectName(), e.objectType(), e.event(), e.args(),
          e.position().line()));
    }
    return out;
  }

  private List<EventList> eventLists() {
    List<EventList> out = new ArrayList<>();
    for (EventListObject l : session.eventLists()) {
      out.add(new EventList(l.name(), l.isSequence() ? "sequence" : "timeline", events(l.events())));
      if (!l.catchEvents().isEmpty()) {
        out.add(new EventList(l.name() + "_catch", "sequence", events(l.catchEvents())));
      }
    }
    return out;
  }

  private List<EventGroup> eventGroups() {
    List<EventGroup> out = new ArrayList<>();
    for (EventGroupObject g : session.eventGroups()) {
      out.add(new EventGroup(g.name(), g.members().stream().map(NsObject::name).toList()));
    }
    return out;
  }
}
