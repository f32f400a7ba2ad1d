package org.nsbed.interpreter.ns;

import java.util.ArrayList;
import java.util.List;
import org.nsbed.grammar.SourcePosition;

/**
 * An event sequence ({@code $ns event-sequence}, run step by step) or timeline
 * ({@code $ns event-timeline}, with its own {@code at}).
 */
public final class EventListObject extends NsObject {

  private final boolean sequence;
  private final List<ScheduledEvent> events = new ArrayList<>();
  private final List<ScheduledEvent> catchEvents = new ArrayList<>();

  EventListObject(NsSession session, String internalName, SourcePosition created, boolean sequence) {
    super(session, internalName, created);
    this.sequence = sequence;
    session.eventLists().add(this);
  }

  @Override
  public String className() {
    return sequence ? "EventSequence" : "EventTimeline";
  }

  public boolean isSequence() {
    return sequence;
  }

  @Override
  protected Object invoke(Call call, String method) throws NsError {
    switch (method) {
      case "append":
        if (!sequence) {
          return unsupported(call, method);
        }
        call.arity(1, 1, "$sequence append \"event\"");
        EventParser.step(call, call.arg(0), events);
        return "";
      case "at":
        if (sequence) {
          return unsupported(call, method);
        }
        call.arity(2, 2, "$timeline at time \"event; event ...\"");
        EventParser.schedule(call, call.arg(0), call.arg(1), events);
        return "";
      case "set":
        return attribute(call);
      default:
        return unsupported(call, method);
    }
  }

  void appendLines(Call call, String lines) throws NsError {
    for (String line : lines.split("\n")) {
      EventParser.sequenceLine(call, line, events);
    }
  }

  void catchLines(Call call, String lines) throws NsError {
    for (String line : lines.split("\n")) {
      EventParser.sequenceLine(call, line, catchEvents);
    }
  }

  /** Number of events it holds. */
  int size() {
    return events.size() + catchEvents.size();
  }

  public List<ScheduledEvent> events() {
    return events;
  }

  /** The steps run when the sequence fails ({@code catch {...}}). */
  public List<ScheduledEvent> catchEvents() {
    return catchEvents;
  }
}
