package org.nsbed.interpreter.ns;

import org.nsbed.grammar.SourcePosition;

/** A node's serial console ({@code [$node console]}); events can start and stop its capture. */
public final class Console extends NsObject {

  private final NsNode node;
  private NsNode tunnel;

  Console(NsSession session, String internalName, SourcePosition created, NsNode node) {
    super(session, internalName, created);
    this.node = node;
  }

  @Override
  public String className() {
    return "Console";
  }

  @Override
  protected Object invoke(Call call, String method) throws NsError {
    if (method.equals("set")) {
      return attribute(call);
    }
    return unsupported(call, method);
  }

  /** {@code $ns connect $node $console}: a tip tunnel from {@code from} to this console. */
  void tunnel(Call call, NsNode from) throws NsError {
    if (tunnel != null) {
      throw call.error(name() + " is already connected.");
    }
    tunnel = from;
    node.settings().put("tipTunnel", from.name());
  }

  public NsNode node() {
    return node;
  }
}
