package org.nsbed.interpreter.ns;

import org.nsbed.grammar.SourcePosition;
import org.nsbed.interpreter.value.Bandwidth;
import org.nsbed.interpreter.value.ValueException;

/**
 * An ns-2 application on an agent ({@code Application/Traffic/CBR}, {@code Application/FTP},
 * {@code Application/Telnet}): a traffic generator started and stopped by events.
 */
public final class Application extends NsObject {

  private final String kind;
  private Agent agent;

  Application(NsSession session, String internalName, SourcePosition created, String kind) {
    super(session, internalName, created);
    this.kind = kind;
    if (kind.equals("Application/Traffic/CBR")) {
      attributes().put("packetSize_", "210");
      attributes().put("rate_", "100Mbps");
    }
  }

  @Override
  public String className() {
    return kind;
  }

  /** True for a constant-bit-rate generator (the one traffic generator nsbed models). */
  public boolean isCbr() {
    return kind.equals("Application/Traffic/CBR");
  }

  @Override
  protected Object invoke(Call call, String method) throws NsError {
    switch (method) {
      case "set":
        return attribute(call);
      case "attach-agent": {
        call.arity(1, 1, "$app attach-agent agent");
        if (!(session.object(call.arg(0)) instanceof Agent a)) {
          throw call.error(call.arg(0) + " is not an Agent.");
        }
        agent = a;
        a.application(this);
        return "";
      }
      default:
        return unsupported(call, method);
    }
  }

  @Override
  protected void attributeChanged(Call call, String key, String value) throws NsError {
    switch (key) {
      case "packetSize_", "iptos_" -> call.integer(1);
      case "interval_" -> call.number(1);
      case "rate_" -> {
        try {
          Bandwidth.parseKbps(value);
        } catch (ValueException e) {
          throw call.error(e.getMessage());
        }
      }
      default -> { }
    }
  }

  public Agent agent() {
    return agent;
  }
}
