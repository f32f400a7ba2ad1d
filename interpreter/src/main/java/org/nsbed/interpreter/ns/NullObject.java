package org.nsbed.interpreter.ns;

import org.nsbed.grammar.SourcePosition;

/**
 * What the reference returns for an unknown class ({@code new Agent/TCPSINK}) or an unknown
 * simulator method: an object that accepts every method with a warning, so the file still parses.
 */
public final class NullObject extends NsObject {

  NullObject(NsSession session, String internalName, SourcePosition created) {
    super(session, internalName, created);
  }

  @Override
  public String className() {
    return "NullClass";
  }

  @Override
  protected Object invoke(Call call, String method) {
    return unsupported(call, method);
  }
}
