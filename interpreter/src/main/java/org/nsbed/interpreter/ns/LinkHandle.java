package org.nsbed.interpreter.ns;

import org.nsbed.grammar.SourcePosition;

/**
 * One direction of a link, or one member's side of a LAN ({@code [$ns link a b]},
 * {@code [$ns lanlink lan node]}): a route destination, and the way to its queue.
 */
public final class LinkHandle extends NsObject {

  private final LanLink.Member member;

  LinkHandle(NsSession session, String internalName, SourcePosition created, LanLink.Member member) {
    super(session, internalName, created);
    this.member = member;
  }

  @Override
  public String className() {
    return member.lan().isLan() ? "LanNode" : "SimplexLink";
  }

  @Override
  public boolean nameable() {
    return false;
  }

  /** The link or LAN. */
  public LanLink link() {
    return member.lan();
  }

  @Override
  protected Object invoke(Call call, String method) throws NsError {
    return switch (method) {
      case "queue" -> {
        call.arity(0, 0, "[$ns link a b] queue");
        yield member.queue(call);
      }
      case "set" -> attribute(call);
      default -> unsupported(call, method);
    };
  }
}
