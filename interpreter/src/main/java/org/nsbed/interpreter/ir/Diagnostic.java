package org.nsbed.interpreter.ir;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One message about an NS file, always with the place that caused it.
 *
 * @param severity {@code error} (the file is rejected) or {@code warning}
 * @param command the NS command the message is about (e.g. {@code tb-set-node-os}, {@code run}),
 *     or null for syntax errors and limits
 * @param message what is wrong, in the user's terms
 * @param file the file name as given to the parser
 * @param line 1-based line
 * @param column 1-based column
 */
public record Diagnostic(String severity, String command, String message, String file, int line, int column) {

  public static final String ERROR = "error";
  public static final String WARNING = "warning";

  /** True for an error (as opposed to a warning). */
  @JsonIgnore
  public boolean isError() {
    return ERROR.equals(severity);
  }

  /** {@code FILE:LINE:COL: error: [command] message}, the form printed on stderr. */
  public String format() {
    return file + ":" + line + ":" + column + ": " + severity + ": "
        + (command == null || command.isEmpty() ? "" : "[" + command + "] ") + message;
  }
}
