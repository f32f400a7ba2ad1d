package org.nsbed.interpreter.ns;

import java.util.ArrayList;
import java.util.List;
import org.nsbed.grammar.SourcePosition;

/** Objects of one class addressed together by events ({@code $ns event-group $programs}). */
public final class EventGroupObject extends NsObject {

  private final List<NsObject> members = new ArrayList<>();

  EventGroupObject(NsSession session, String internalName, SourcePosition created) {
    super(session, internalName, created);
  }

  @Override
  public String className() {
    return "EventGroup";
  }

  @Override
  protected Object invoke(Call call, String method) throws NsError {
    switch (method) {
      case "add":
        for (int i = 0; i < call.count(); i++) {
          for (String name : Simulator.list(call, call.arg(i))) {
            add(call, name);
          }
        }
        return "";
      case "members":
        return String.join(" ", members.stream().map(NsObject::name).toList());
      case "set":
        return attribute(call);
      default:
        return unsupported(call, method);
    }
  }

  void add(Call call, String name) throws NsError {
    NsObject o = session.object(name);
    if (o == null) {
      throw call.error(name + " is not an NS object.");
    }
    if (!members.isEmpty() && !members.get(0).className().equals(o.className())) {
      throw call.error("event group members must be of one class: " + o.name() + " is a " + o.className() + ", "
          + members.get(0).name() + " a " + members.get(0).className() + ".");
    }
    members.add(o);
  }

  /** A member, showing which events the group takes; null when empty. */
  NsObject memberSample() {
    return members.isEmpty() ? null : members.get(0);
  }

  public List<NsObject> members() {
    return members;
  }
}
