package org.nsbed.interpreter.ir;

import java.util.List;
import java.util.Map;

/**
 * What an NS file describes: the immutable result of evaluating it (docs/interfaces.md, "The IR
 * document").
 *
 * @param experiment experiment-wide settings
 * @param nodes nodes in creation order
 * @param lans links and LANs in creation order
 * @param vtypes virtual types
 * @param programs program agents
 * @param agents ns-2 traffic agents
 * @param events {@code $ns at} events in the order they were scheduled
 * @param eventLists event sequences and timelines
 * @param eventGroups event groups
 * @param parameters template parameters ({@code $ns define-template-parameter}) and their values
 */
public record VirtualExperiment(
    ExperimentSettings experiment,
    List<VirtualNode> nodes,
    List<VirtualLan> lans,
    List<VType> vtypes,
    List<Program> programs,
    List<TrafficAgent> agents,
    List<Event> events,
    List<EventList> eventLists,
    List<EventGroup> eventGroups,
    Map<String, String> parameters) {

  public VirtualExperiment {
    nodes = List.copyOf(nodes);
    lans = List.copyOf(lans);
    vtypes = List.copyOf(vtypes);
    programs = List.copyOf(programs);
    agents = List.copyOf(agents);
    events = List.copyOf(events);
    eventLists = List.copyOf(eventLists);
    eventGroups = List.copyOf(eventGroups);
    parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
  }

  /** An experiment with nothing in it (the IR of a file that could not be evaluated). */
  public static VirtualExperiment empty(int delayThresholdMs, int bandwidthLimitKbps) {
    return new VirtualExperiment(
        new ExperimentSettings("none", null, delayThresholdMs, bandwidthLimitKbps, Map.of(), Map.of()),
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of());
  }

  /** The node with this name, if any. */
  public java.util.Optional<VirtualNode> node(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  /** The link or LAN with this name, if any. */
  public java.util.Optional<VirtualLan> lan(String name) {
    return lans.stream().filter(l -> l.name().equals(name)).findFirst();
  }
}
