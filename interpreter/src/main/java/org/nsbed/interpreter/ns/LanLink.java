package org.nsbed.interpreter.ns;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsbed.grammar.SourcePosition;
import org.nsbed.interpreter.ir.QueueSettings;

/**
 * A link ({@code duplex-link}) or LAN ({@code make-lan}): its members with per-direction shaping
 * and queues, its netmask and settings.
 */
public final class LanLink extends NsObject {

  /** One node's attachment, with its shaping values as the reference stores them. */
  public static final class Member {
    private final LanLink lan;
    private final NsNode node;
    private final int port;
    private String ip;
    private SourcePosition ipPosition;
    private String assignedIp;
    double delayMs;
    double rdelayMs;
    int bandwidthKbps;
    int rbandwidthKbps;
    double loss;
    double rloss;
    int estBandwidthKbps;
    int restBandwidthKbps;
    int backfillKbps;
    int rbackfillKbps;
    private final String queueType;
    private Queue queue;
    private LinkHandle handle;
    private final Map<String, String> settings = new LinkedHashMap<>();

    Member(LanLink lan, NsNode node, String queueType) {
      this.lan = lan;
      this.node = node;
      this.queueType = queueType;
      this.port = node.join(this);
    }

    public LanLink lan() {
      return lan;
    }

    public NsNode node() {
      return node;
    }

    public int port() {
      return port;
    }

    /** The address the NS file gave, or null. */
    public String ip() {
      return ip;
    }

    public SourcePosition ipPosition() {
      return ipPosition;
    }

    public void ip(String ip, SourcePosition at) {
      this.ip = ip;
      this.ipPosition = at;
    }

    /** The address in use: the file's, else the one assigned at {@code run}. */
    public String effectiveIp() {
      return ip != null ? ip : assignedIp;
    }

    public void assignedIp(String ip) {
      this.assignedIp = ip;
    }

    public double delayMs() {
      return delayMs;
    }

    public double rdelayMs() {
      return rdelayMs;
    }

    public int bandwidthKbps() {
      return bandwidthKbps;
    }

    public int rbandwidthKbps() {
      return rbandwidthKbps;
    }

    public double loss() {
      return loss;
    }

    public double rloss() {
      return rloss;
    }

    public int estBandwidthKbps() {
      return estBandwidthKbps;
    }

    public int restBandwidthKbps() {
      return restBandwidthKbps;
    }

    public int backfillKbps() {
      return backfillKbps;
    }

    public int rbackfillKbps() {
      return rbackfillKbps;
    }

    /** The queue of the node-to-LAN direction. */
    public QueueSettings queueSettings() {
      return queue != null ? queue.settings() : QueueSettings.defaults(queueType);
    }

    /** The queue as an NS object ({@code [[$ns link a b] queue]}), created on first use. */
    Queue queue(Call call) {
      if (queue == null) {
        queue = lan.session.register(new Queue(lan.session, lan.session.nextName("_queue"), call.position(), this,
            QueueSettings.defaults(queueType)), false);
      }
      return queue;
    }

    public Map<String, String> settings() {
      return settings;
    }

    /** The direction handle ({@code [$ns link a b]}, {@code [$ns lanlink lan node]}). */
    LinkHandle handle(Call call) {
      if (handle == null) {
        handle = lan.session.register(
            new LinkHandle(lan.session, lan.session.nextName("_simplex"), call.position(), this), false);
      }
      return handle;
    }

    /** Sets both directions' delay, bandwidth and loss. */
    public void shape(double delayMs, int bandwidthKbps, double loss) {
      this.delayMs = delayMs;
      this.rdelayMs = delayMs;
      this.bandwidthKbps = bandwidthKbps;
      this.rbandwidthKbps = bandwidthKbps;
      this.loss = loss;
      this.rloss = loss;
    }

    public void delay(double ms) {
      this.delayMs = ms;
      this.rdelayMs = ms;
    }

    public void bandwidth(int kbps) {
      this.bandwidthKbps = kbps;
      this.rbandwidthKbps = kbps;
    }

    public void loss(double p) {
      this.loss = p;
      this.rloss = p;
    }

    /** The node-to-LAN direction. */
    public void to(double delayMs, int bandwidthKbps, double loss) {
      this.delayMs = delayMs;
      this.bandwidthKbps = bandwidthKbps;
      this.loss = loss;
    }

    /** The LAN-to-node direction. */
    public void from(double delayMs, int bandwidthKbps, double loss) {
      this.rdelayMs = delayMs;
      this.rbandwidthKbps = bandwidthKbps;
      this.rloss = loss;
    }

    public void estimated(int kbps, int rkbps) {
      this.estBandwidthKbps = kbps;
      this.restBandwidthKbps = rkbps;
    }

    public void backfill(int kbps, int rkbps) {
      this.backfillKbps = kbps;
      this.rbackfillKbps = rkbps;
    }
  }

  private final boolean lan;
  private final List<Member> members = new ArrayList<>();
  private final Map<NsNode, Member> byNode = new IdentityHashMap<>();
  private long mask = 0xFFFFFF00L;
  private String failureAction = "fatal";
  private String protocol = "ethernet";
  private final Map<String, String> settings = new LinkedHashMap<>();

  LanLink(NsSession session, String internalName, SourcePosition created, boolean lan) {
    super(session, internalName, created);
    this.lan = lan;
  }

  @Override
  public String className() {
    return lan ? "Lan" : "Link";
  }

  /** Adds a member with the link/LAN-wide shaping already split per direction. */
  Member addMember(NsNode node, String queueType, double halfDelayMs, int bandwidthKbps) {
    Member m = new Member(this, node, queueType);
    m.shape(halfDelayMs, bandwidthKbps, 0);
    members.add(m);
    byNode.putIfAbsent(node, m);
    return m;
  }

  @Override
  protected Object invoke(Call call, String method) throws NsError {
    switch (method) {
      case "set":
        return attribute(call);
      case "trace": {
        call.arity(0, 2, "$link trace ?type? ?expression?");
        String kind = call.count() > 0 ? call.oneOf(0, "trace type", "header", "packet", "monitor") : "header";
        settings.put("trace", kind);
        if (call.count() > 1) {
          settings.put("traceExpression", call.arg(1));
        }
        return "";
      }
      case "trace_snaplen":
        call.arity(1, 1, "$link trace_snaplen bytes");
        settings.put("traceSnaplen", Integer.toString(call.integer(0)));
        return "";
      case "trace_endnode":
        call.arity(1, 1, "$link trace_endnode 0|1");
        settings.put("traceEndnode", call.onOff(0) ? "1" : "0");
        return "";
      case "trace_mysql":
        call.arity(1, 1, "$link trace_mysql 0|1");
        settings.put("traceMysql", call.onOff(0) ? "1" : "0");
        return "";
      case "cost":
        call.arity(1, 1, "$link cost cost");
        settings.put("cost", Integer.toString(call.integer(0)));
        return "";
      case "mustdelay":
        settings.put("mustdelay", "1");
        return "";
      case "Queue":
      case "queue": {
        call.arity(1, 1, "$lan queue node");
        Member m = member(call.node(0));
        if (m == null) {
          throw call.error(call.arg(0) + " is not a member of " + name() + ".");
        }
        return m.queue(call);
      }
      case "implemented_by":
      case "enable_openflow":
      case "SetDelayParams":
      case "SetTraceParams":
        settings.put(method, String.join(" ", call.argsFrom(0)));
        call.warn(method + " is recorded but not acted on.");
        return "";
      default:
        return unsupported(call, method);
    }
  }

  public boolean isLan() {
    return lan;
  }

  public List<Member> members() {
    return members;
  }

  /** The first membership of {@code node}, or null. */
  public Member member(NsNode node) {
    return byNode.get(node);
  }

  public long mask() {
    return mask;
  }

  public void mask(long mask) {
    this.mask = mask;
  }

  public String failureAction() {
    return failureAction;
  }

  public void failureAction(String action) {
    this.failureAction = action;
  }

  public String protocol() {
    return protocol;
  }

  public void protocol(String protocol) {
    this.protocol = protocol;
  }

  public Map<String, String> settings() {
    return settings;
  }
}
