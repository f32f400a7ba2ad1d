package org.nsbed.interpreter.ir;

import java.util.List;

/**
 * A named group of objects of one class that events can address at once ({@code $ns event-group}).
 *
 * @param name group name
 * @param members member object names
 */
public record EventGroup(String name, List<String> members) {

  public EventGroup {
    members = List.copyOf(members);
  }
}
