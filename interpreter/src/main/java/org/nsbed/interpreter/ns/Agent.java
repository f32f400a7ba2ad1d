package org.nsbed.interpreter.ns;

import org.nsbed.grammar.SourcePosition;

/** An ns-2 transport agent ({@code new Agent/UDP}, {@code Agent/TCP}, {@code Agent/Null}, ...). */
public final class Agent extends NsObject {

  private final String kind;
  private NsNode node;
  private int port;
  private Agent peer;
  private Application application;

  Agent(NsSession session, String internalName, SourcePosition created, String kind) {
    super(session, internalName, created);
    this.kind = kind;
  }

  @Override
  public String className() {
    return kind;
  }

  @Override
  protected Object invoke(Call call, String method) throws NsError {
    if (method.equals("set")) {
      return attribute(call);
    }
    return unsupported(call, method);
  }

  void attach(NsNode node) {
    this.node = node;
    this.port = node.nextAgentPort();
  }

  void connect(Agent other) {
    this.peer = other;
  }

  void application(Application app) {
    this.application = app;
  }

  public NsNode node() {
    return node;
  }

  public int port() {
    return port;
  }

  public Agent peer() {
    return peer;
  }

  public Application application() {
    return application;
  }
}
