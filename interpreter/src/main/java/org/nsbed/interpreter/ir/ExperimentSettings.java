package org.nsbed.interpreter.ir;

import java.util.Map;

/**
 * Experiment-wide settings.
 *
 * @param routing default routing ({@code none}, {@code static}, {@code manual}, {@code ospf})
 * @param syncServer node running the sync server (default: first node by name)
 * @param delayThresholdMs smallest non-zero delay allowed
 * @param bandwidthLimitKbps largest bandwidth of a link or LAN
 * @param environment {@code opt(NAME)} assignments in assignment order, exported to programs
 * @param settings other switches ({@code tb-set-*}, {@code tb-use-*}) as written, including those
 *     recorded but not acted on
 */
public record ExperimentSettings(
    String routing,
    String syncServer,
    int delayThresholdMs,
    int bandwidthLimitKbps,
    Map<String, String> environment,
    Map<String, String> settings) {

  public ExperimentSettings {
    environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
  }
}
