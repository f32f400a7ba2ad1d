package org.nsbed.interpreter.ir;

import java.util.List;
import java.util.Map;

/**
 * A link ({@code duplex-link}) or LAN ({@code make-lan}) of the virtual experiment.
 *
 * @param name name by assignment, or {@code tblink-l<k>} / {@code tblan-lan<k>}
 * @param kind {@code link} or {@code lan}
 * @param mask netmask of its subnet
 * @param failureAction {@code fatal} or {@code nonfatal}
 * @param protocol link protocol (default {@code ethernet})
 * @param members members in joining order
 * @param settings less common settings (encapsulation, shaping switches, trace, ...) as written
 * @param line line where it was created or named
 * @param column column of that command
 */
public record VirtualLan(
    String name,
    String kind,
    String mask,
    String failureAction,
    String protocol,
    List<LanMember> members,
    Map<String, String> settings,
    int line,
    int column) {

  public VirtualLan {
    members = List.copyOf(members);
    settings = Map.copyOf(settings);
  }
}
