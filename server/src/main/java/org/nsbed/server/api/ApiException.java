package org.nsbed.server.api;

import java.util.List;
import org.nsbed.interpreter.ir.Diagnostic;

/**
 * A refusal the API answers with {@code {"error": {"status", "message", "diagnostics"}}}; the
 * message names what is wrong, the diagnostics (NS errors) carry file, line and column.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final transient List<Diagnostic> diagnostics;

  public ApiException(int status, String message) {
    this(status, message, List.of());
  }

  public ApiException(int status, String message, List<Diagnostic> diagnostics) {
    super(message);
    this.status = status;
    this.diagnostics = List.copyOf(diagnostics);
  }

  public int status() {
    return status;
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  static ApiException forbidden(String message) {
    return new ApiException(403, message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, message);
  }
}
