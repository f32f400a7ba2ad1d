package org.nsbed.interpreter.ns;

import org.nsbed.grammar.SourcePosition;

/**
 * An object of a feature nsbed does not model (paths, firewalls, topographies): created with a
 * warning "recorded but not acted on", and accepting its methods, so files using it still parse.
 */
public final class UnmodelledObject extends NsObject {

  private final String className;

  UnmodelledObject(NsSession session, String internalName, SourcePosition created, String className, Call call) {
    super(session, internalName, created);
    this.className = className;
    session.experimentSettings().merge(className.toLowerCase(java.util.Locale.ROOT) + "s", internalName,
        (a, b) -> a + " " + b);
    call.warn(className + " objects are recorded but not acted on.");
  }

  @Override
  public String className() {
    return className;
  }

  @Override
  protected Object invoke(Call call, String method) throws NsError {
    if (method.equals("set")) {
      return attribute(call);
    }
    attributes().merge(method, String.join(" ", call.argsFrom(0)), (a, b) -> a + "; " + b);
    return "";
  }
}
