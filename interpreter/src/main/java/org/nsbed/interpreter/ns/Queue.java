package org.nsbed.interpreter.ns;

import org.nsbed.grammar.SourcePosition;
import org.nsbed.interpreter.ir.QueueSettings;

/**
 * The queue of one direction of a link or LAN member ({@code [[$ns link a b] queue]}), tuned with
 * {@code $queue set limit_ 60} and friends. Events address it as {@code <link>-<node>}.
 */
public final class Queue extends NsObject {

  private final LanLink.Member member;
  private QueueSettings settings;

  Queue(NsSession session, String internalName, SourcePosition created, LanLink.Member member,
      QueueSettings settings) {
    super(session, internalName, created);
    this.member = member;
    this.settings = settings;
  }

  @Override
  public String className() {
    return "Queue";
  }

  @Override
  public boolean nameable() {
    return false;
  }

  /** The name events use for this queue. */
  public String eventName() {
    return member.lan().name() + "-" + member.node().name();
  }

  public LanLink.Member member() {
    return member;
  }

  public QueueSettings settings() {
    return settings;
  }

  @Override
  protected Object invoke(Call call, String method) throws NsError {
    if (method.equals("set")) {
      return attribute(call);
    }
    return unsupported(call, method);
  }

  @Override
  protected void attributeChanged(Call call, String key, String value) throws NsError {
    QueueSettings s = settings;
    settings = switch (key) {
      case "limit_" -> new QueueSettings(s.type(), call.integer(1), s.maxThresh(), s.thresh(), s.qWeight(),
          s.linterm(), s.queueInBytes(), s.gentle());
      case "maxthresh_" -> new QueueSettings(s.type(), s.limit(), call.integer(1), s.thresh(), s.qWeight(),
          s.linterm(), s.queueInBytes(), s.gentle());
      case "thresh_" -> new QueueSettings(s.type(), s.limit(), s.maxThresh(), call.integer(1), s.qWeight(),
          s.linterm(), s.queueInBytes(), s.gentle());
      case "q_weight_" -> new QueueSettings(s.type(), s.limit(), s.maxThresh(), s.thresh(), call.number(1),
          s.linterm(), s.queueInBytes(), s.gentle());
      case "linterm_" -> new QueueSettings(s.type(), s.limit(), s.maxThresh(), s.thresh(), s.qWeight(),
          call.integer(1), s.queueInBytes(), s.gentle());
      case "queue-in-bytes_" -> new QueueSettings(s.type(), s.limit(), s.maxThresh(), s.thresh(), s.qWeight(),
          s.linterm(), call.onOff(1), s.gentle());
      case "gentle_" -> new QueueSettings(s.type(), s.limit(), s.maxThresh(), s.thresh(), s.qWeight(),
          s.linterm(), s.queueInBytes(), call.onOff(1));
      default -> s;
    };
  }
}
