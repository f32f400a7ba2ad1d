package org.nsbed.interpreter.ir;

import java.util.List;

/**
 * An event sequence ({@code $ns event-sequence}) or timeline ({@code $ns event-timeline}).
 *
 * @param name object name
 * @param kind {@code sequence} or {@code timeline}
 * @param events its events in order (times are relative to its start)
 */
public record EventList(String name, String kind, List<Event> events) {

  public EventList {
    events = List.copyOf(events);
  }
}
