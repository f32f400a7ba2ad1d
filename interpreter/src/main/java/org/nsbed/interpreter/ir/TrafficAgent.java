package org.nsbed.interpreter.ir;

import java.util.Map;

/**
 * An ns-2 traffic agent ({@code new Agent/UDP}, {@code Agent/Null}, ...) with its application.
 *
 * @param name agent name
 * @param kind agent class, e.g. {@code Agent/UDP}
 * @param node node it is attached to, or null
 * @param port port on that node (from 5001 upward), or 0
 * @param peer agent it is connected to, or null
 * @param application application class attached to it (e.g. {@code Application/Traffic/CBR}), or null
 * @param applicationName the application's name, or null
 * @param settings application settings ({@code packetSize_}, {@code rate_}, {@code interval_}, ...)
 */
public record TrafficAgent(
    String name, String kind, String node, int port, String peer, String application, String applicationName,
    Map<String, String> settings) {

  public TrafficAgent {
    settings = Map.copyOf(settings);
  }
}
