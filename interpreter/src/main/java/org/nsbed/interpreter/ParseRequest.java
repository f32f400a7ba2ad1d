package org.nsbed.interpreter;

import java.util.Map;
import java.util.Objects;
import org.nsbed.interpreter.catalog.EmptyCatalog;
import org.nsbed.interpreter.catalog.NsCatalog;

/**
 * What to parse and how.
 *
 * @param file the file name used in diagnostics
 * @param text the NS text
 * @param mode syntax, pass or full
 * @param catalog the testbed as the project sees it ({@link EmptyCatalog} if none)
 * @param project the experiment's project ({@code ${GLOBALS::pid}})
 * @param experiment the experiment's name ({@code ${GLOBALS::eid}})
 * @param includedFiles files {@code source} may read, by name as written in the NS file
 * @param delayThresholdMs smallest non-zero link delay (default 2)
 * @param bandwidthLimitKbps largest link or LAN bandwidth (default 1 Gbps)
 * @param limits time and memory limits
 */
public record ParseRequest(
    String file,
    String text,
    ParseMode mode,
    NsCatalog catalog,
    String project,
    String experiment,
    Map<String, String> includedFiles,
    int delayThresholdMs,
    int bandwidthLimitKbps,
    EvaluationLimits limits) {

  public static final int DEFAULT_DELAY_THRESHOLD_MS = 2;
  public static final int DEFAULT_BANDWIDTH_LIMIT_KBPS = 1_000_000;

  public ParseRequest {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(mode, "mode");
    catalog = catalog == null ? EmptyCatalog.INSTANCE : catalog;
    includedFiles = Map.copyOf(includedFiles);
    Objects.requireNonNull(limits, "limits");
  }

  /** A full-mode request with the defaults: project {@code testbed}, experiment {@code experiment}. */
  public static ParseRequest of(String file, String text, ParseMode mode, NsCatalog catalog) {
    return new ParseRequest(file, text, mode, catalog, "testbed", "experiment", Map.of(),
        DEFAULT_DELAY_THRESHOLD_MS, DEFAULT_BANDWIDTH_LIMIT_KBPS, EvaluationLimits.DEFAULT);
  }

  /** The same request with another project and experiment name. */
  public ParseRequest withExperiment(String project, String experiment) {
    return new ParseRequest(file, text, mode, catalog, project, experiment, includedFiles, delayThresholdMs,
        bandwidthLimitKbps, limits);
  }

  /** The same request with other limits. */
  public ParseRequest withLimits(EvaluationLimits limits) {
    return new ParseRequest(file, text, mode, catalog, project, experiment, includedFiles, delayThresholdMs,
        bandwidthLimitKbps, limits);
  }

  /** The same request with other shaping limits (a testbed's own threshold and maximum). */
  public ParseRequest withShapingLimits(int delayThresholdMs, int bandwidthLimitKbps) {
    return new ParseRequest(file, text, mode, catalog, project, experiment, includedFiles, delayThresholdMs,
        bandwidthLimitKbps, limits);
  }

  /** The same request with files that {@code source} may read. */
  public ParseRequest withIncludedFiles(Map<String, String> files) {
    return new ParseRequest(file, text, mode, catalog, project, experiment, files, delayThresholdMs,
        bandwidthLimitKbps, limits);
  }
}
