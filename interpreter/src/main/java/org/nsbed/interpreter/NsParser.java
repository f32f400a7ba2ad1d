package org.nsbed.interpreter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.nsbed.grammar.SyntaxError;
import org.nsbed.grammar.TclScript;
import org.nsbed.interpreter.catalog.CachingCatalog;
import org.nsbed.interpreter.evaluation.Evaluation;
import org.nsbed.interpreter.ir.Diagnostic;
import org.nsbed.interpreter.ir.VirtualExperiment;
import org.nsbed.interpreter.isolation.IsolatedParse;
import org.nsbed.interpreter.ns.NsSession;

/**
 * The NS front end: reads an NS file with the grammar, evaluates it on a hardened Jacl
 * interpreter, and returns the IR with diagnostics.
 *
 * <p>{@link #parse} evaluates in this JVM, on a thread of its own watched for its time and heap
 * budget; use it for the user's own files (the CLI). {@link #parseIsolated} evaluates in a child
 * JVM with a hard heap cap that is killed when its time is up; use it for untrusted input
 * (servers, {@code startexp}).
 */
public final class NsParser {

  private static final long POLL_MILLIS = 10;
  private static final long STOP_GRACE_MILLIS = 3000;
  private static final long EVALUATION_STACK_BYTES = 512L << 20;

  private NsParser() {}

  /** Parses in this JVM under the request's limits. */
  public static ParseResult parse(ParseRequest request) {
    TclScript script = TclScript.parse(request.file(), request.text());
    VirtualExperiment empty = VirtualExperiment.empty(request.delayThresholdMs(), request.bandwidthLimitKbps());
    if (!script.ok()) {
      List<Diagnostic> errors = new ArrayList<>();
      for (SyntaxError e : script.errors()) {
        errors.add(new Diagnostic(Diagnostic.ERROR, null, e.message(), e.position().file(), e.position().line(),
            e.position().column()));
      }
      return ParseResult.of(request.file(), empty, errors, "");
    }
    if (request.mode() == ParseMode.SYNTAX) {
      return ParseResult.of(request.file(), empty, List.of(), "");
    }
    return evaluate(request, script, empty);
  }

  /** Parses in a child JVM: nothing the file does can affect this process. */
  public static ParseResult parseIsolated(ParseRequest request) {
    return IsolatedParse.run(request);
  }

  private static ParseResult evaluate(ParseRequest request, TclScript script, VirtualExperiment empty) {
    NsSession.Settings settings = new NsSession.Settings(request.file(), request.mode(),
        new CachingCatalog(request.catalog()), request.project(), request.experiment(), request.delayThresholdMs(),
        request.bandwidthLimitKbps(), request.limits().maxEvents());
    long timeLimit = request.limits().timeLimit().toMillis();
    long heapLimitMiB = request.limits().heapLimitMiB();
    AtomicReference<Evaluation> running = new AtomicReference<>();
    AtomicReference<ParseResult> outcome = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(null, () -> {
      Evaluation evaluation = null;
      try {
        evaluation = new Evaluation(script, request.text(), settings, request.includedFiles());
        running.set(evaluation);
        evaluation.run(heapLimitMiB, timeLimit);
        outcome.set(ParseResult.of(request.file(), evaluation.ir(), evaluation.diagnostics(), evaluation.output()));
      } catch (Throwable t) {
        failure.set(t);
      } finally {
        if (evaluation != null) {
          evaluation.dispose();
        }
      }
    }, "ns-evaluation", EVALUATION_STACK_BYTES);
    thread.setDaemon(true);
    Runtime runtime = Runtime.getRuntime();
    long baseline = runtime.totalMemory() - runtime.freeMemory();
    long heapLimit = heapLimitMiB << 20;
    long start = System.nanoTime();
    long lastGc = 0;
    Evaluation.Stop stopped = null;
    long stoppedAt = 0;
    thread.start();
    try {
      // The result is ready before the thread ends: releasing the interpreter happens after it.
      while (thread.isAlive() && outcome.get() == null && failure.get() == null) {
        thread.join(POLL_MILLIS);
        long now = System.nanoTime();
        long elapsed = (now - start) / 1_000_000;
        if (stopped == null) {
          Evaluation.Stop why = null;
          if (elapsed > timeLimit) {
            why = Evaluation.Stop.TIME;
          } else if (runtime.totalMemory() - runtime.freeMemory() - baseline > heapLimit && now - lastGc > 200_000_000L) {
            // Garbage counts as used until collected: only a heap still over the limit after a
            // collection means the evaluation itself holds too much.
            System.gc();
            lastGc = System.nanoTime();
            if (runtime.totalMemory() - runtime.freeMemory() - baseline > heapLimit) {
              why = Evaluation.Stop.MEMORY;
            }
          }
          if (why != null && running.get() != null) {
            running.get().interrupt(why);
            stopped = why;
            stoppedAt = now;
          }
        } else if ((now - stoppedAt) / 1_000_000 > STOP_GRACE_MILLIS) {
          // A single Java call that never returns (e.g. a pathological regexp) cannot be stopped
          // cooperatively; the daemon thread is left behind and the caller gets its answer.
          return abandoned(request, empty, stopped, timeLimit, heapLimitMiB);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (running.get() != null) {
        running.get().interrupt(Evaluation.Stop.TIME);
      }
      return abandoned(request, empty, Evaluation.Stop.TIME, timeLimit, heapLimitMiB);
    }
    if (outcome.get() != null) {
      return outcome.get();
    }
    Throwable t = failure.get();
    String message = t instanceof OutOfMemoryError
        ? "evaluation exceeded its memory limit of " + heapLimitMiB + " MiB"
        : "evaluation failed: " + t;
    return ParseResult.of(request.file(), empty,
        List.of(new Diagnostic(Diagnostic.ERROR, null, message, request.file(), 1, 1)), "");
  }

  private static ParseResult abandoned(ParseRequest request, VirtualExperiment empty, Evaluation.Stop why,
      long timeLimit, long heapLimitMiB) {
    String message = why == Evaluation.Stop.MEMORY
        ? "evaluation exceeded its memory limit of " + heapLimitMiB + " MiB and did not stop"
        : "evaluation exceeded its time limit of " + (timeLimit / 1000.0) + " s and did not stop";
    return ParseResult.of(request.file(), empty,
        List.of(new Diagnostic(Diagnostic.ERROR, null, message, request.file(), 1, 1)), "");
  }
}
