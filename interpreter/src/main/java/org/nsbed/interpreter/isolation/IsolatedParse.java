package org.nsbed.interpreter.isolation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.nsbed.interpreter.ParseRequest;
import org.nsbed.interpreter.ParseResult;
import org.nsbed.interpreter.ir.Diagnostic;
import org.nsbed.interpreter.ir.VirtualExperiment;

/**
 * The parent side of an isolated parse: starts {@code java -Xmx<cap> -cp <this classpath>
 * IsolatedParser}, answers its catalogue questions, and kills it when its wall-clock budget is
 * spent. Whatever the file does, this process only ever sees a result document or an error.
 */
public final class IsolatedParse {

  /** Time for the child JVM to start and the in-child watchdog to report, on top of the budget. */
  private static final long STARTUP_GRACE_MILLIS = 10_000;
  /** Heap for the child's own needs (classes, the IR) on top of the evaluation's limit. */
  private static final long CHILD_OVERHEAD_MIB = 96;

  private IsolatedParse() {}

  /** Runs the request in a child JVM. */
  public static ParseResult run(ParseRequest request) {
    VirtualExperiment empty = VirtualExperiment.empty(request.delayThresholdMs(), request.bandwidthLimitKbps());
    long heap = request.limits().heapLimitMiB() + CHILD_OVERHEAD_MIB;
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap + "m", "-Xss16m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", classPath(), IsolatedParser.class.getName()));
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      return failed(request, empty, "cannot start the evaluating process: " + e.getMessage());
    }
    StringBuilder stderr = new StringBuilder();
    Thread errors = drain(process.getErrorStream(), stderr);
    AtomicReference<String> document = new AtomicReference<>();
    AtomicReference<String> protocolError = new AtomicReference<>();
    Thread talker = new Thread(() -> talk(request, process, document, protocolError), "ns-isolated-parse");
    talker.setDaemon(true);
    talker.start();
    long budget = request.limits().timeLimit().toMillis() + STARTUP_GRACE_MILLIS;
    try {
      if (!process.waitFor(budget, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        return failed(request, empty, "evaluation exceeded its time limit of "
            + request.limits().timeLimit().toMillis() / 1000.0 + " s and its process was killed");
      }
      talker.join(5000);
      errors.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return failed(request, empty, "evaluation was interrupted");
    }
    if (document.get() != null) {
      try {
        return ParseResult.fromJson(document.get());
      } catch (IllegalArgumentException e) {
        return failed(request, empty, "the evaluating process returned " + e.getMessage());
      }
    }
    String why = stderr.indexOf("OutOfMemoryError") >= 0
        ? "evaluation exceeded its memory limit of " + request.limits().heapLimitMiB() + " MiB"
        : "the evaluating process exited with status " + process.exitValue()
            + (protocolError.get() != null ? " (" + protocolError.get() + ")" : "")
            + (stderr.length() > 0 ? ": " + lastLine(stderr) : "");
    return failed(request, empty, why);
  }

  /** This JVM's class path with absolute entries, so the child finds it from any directory. */
  private static String classPath() {
    StringBuilder cp = new StringBuilder();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (!entry.isEmpty()) {
        cp.append(cp.length() > 0 ? java.io.File.pathSeparator : "").append(Path.of(entry).toAbsolutePath());
      }
    }
    return cp.toString();
  }

  private static void talk(ParseRequest request, Process process, AtomicReference<String> document,
      AtomicReference<String> protocolError) {
    try (OutputStream os = process.getOutputStream();
        PrintStream toChild = new PrintStream(os, false, StandardCharsets.UTF_8);
        BufferedReader fromChild = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      toChild.println(CatalogProtocol.MAPPER.writeValueAsString(header(request)));
      toChild.flush();
      String line;
      while ((line = fromChild.readLine()) != null) {
        if (line.startsWith(CatalogProtocol.QUESTION)) {
          JsonNode question = CatalogProtocol.MAPPER.readTree(line.substring(1));
          toChild.println(CatalogProtocol.MAPPER.writeValueAsString(
              CatalogProtocol.answer(request.catalog(), question)));
          toChild.flush();
        } else if (line.equals(CatalogProtocol.RESULT)) {
          StringBuilder rest = new StringBuilder();
          char[] buffer = new char[8192];
          int n;
          while ((n = fromChild.read(buffer)) >= 0) {
            rest.append(buffer, 0, n);
          }
          document.set(rest.toString());
          return;
        } else {
          protocolError.set("unexpected output: " + (line.length() > 80 ? line.substring(0, 80) + "..." : line));
          return;
        }
      }
    } catch (JsonProcessingException e) {
      protocolError.set("malformed message: " + e.getOriginalMessage());
    } catch (IOException e) {
      protocolError.set(e.getMessage());
    }
  }

  private static ObjectNode header(ParseRequest request) {
    ObjectNode h = CatalogProtocol.MAPPER.createObjectNode();
    h.put("file", request.file());
    h.put("text", request.text());
    h.put("mode", request.mode().label());
    h.put("project", request.project());
    h.put("experiment", request.experiment());
    ObjectNode included = h.putObject("includedFiles");
    for (Map.Entry<String, String> e : request.includedFiles().entrySet()) {
      included.put(e.getKey(), e.getValue());
    }
    h.put("delayThresholdMs", request.delayThresholdMs());
    h.put("bandwidthLimitKbps", request.bandwidthLimitKbps());
    h.put("timeLimitMillis", request.limits().timeLimit().toMillis());
    h.put("heapLimitMiB", request.limits().heapLimitMiB());
    h.put("maxEvents", request.limits().maxEvents());
    return h;
  }

  private static Thread drain(InputStream in, StringBuilder into) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (into) {
            if (into.length() < 16_384) {
              into.append(line).append('\n');
            }
          }
        }
      } catch (IOException e) {
        // The child is gone; what was read is enough to explain it.
      }
    }, "ns-isolated-stderr");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static String lastLine(StringBuilder text) {
    String s = text.toString().strip();
    int nl = s.lastIndexOf('\n');
    return nl >= 0 ? s.substring(nl + 1) : s;
  }

  private static ParseResult failed(ParseRequest request, VirtualExperiment empty, String message) {
    return ParseResult.of(request.file(), empty,
        List.of(new Diagnostic(Diagnostic.ERROR, null, message, request.file(), 1, 1)), "");
  }
}
