package org.nsbed.cli.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.server.bench.ServerBenchmark;
import org.nsbed.server.bench.ServerBenchmark.CallFigures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nsbed bench server}: API latency and throughput while swap-ins run. */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = {"Start a server on a fresh simulated testbed (embedded database) and run concurrent API clients "
        + "over HTTP on 127.0.0.1, each reading GET /api/v1/experiments/{pid}/{eid} and GET /api/v1/nodes in turn, "
        + "while several swap-ins run. Reports requests/s, p50/p99/max latency and errors per call, measured from "
        + "the first swap-in request until every swap-in has finished (at most --limit seconds). "
        + "Target: p99 under 200 ms and no errors.",
        "JSON (--json): {clients, swapIns, nodesPerSwapIn, seconds, swapInsDone, cpuSeconds, loadAverage: [start, "
            + "end], calls: [{call, requests, "
            + "requestsPerSecond, p50Ms, p99Ms, maxMs, errors}], errorSamples}; the last call is \"all\"."})
public final class BenchServerCommand implements Callable<Integer> {
  /** The target the benchmark reports against. */
  static final double TARGET_P99_MS = 200;

  @Spec
  CommandSpec spec;

  @Option(names = "--clients", defaultValue = "50", description = "Concurrent API clients (default ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--swapins", defaultValue = "5", description = "Swap-ins run at once (default ${DEFAULT-VALUE}).")
  int swapIns;

  @Option(names = "--nodes", defaultValue = "10", description = "Nodes per swap-in (default ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--time-scale", defaultValue = "0.05",
      description = "Simulated hardware time scale (default ${DEFAULT-VALUE}: a swap-in takes a few seconds).")
  double timeScale;

  @Option(names = "--limit", defaultValue = "120", paramLabel = "SEC",
      description = "Stop measuring after SEC seconds even if swap-ins still run (default ${DEFAULT-VALUE}).")
  int limitSeconds;

  @Option(names = "--warmup", defaultValue = "20", paramLabel = "SEC",
      description = "Let the clients run SEC seconds before the window opens, so the server runs compiled code as "
          + "one that has been up for a while does (default ${DEFAULT-VALUE}).")
  int warmUpSeconds;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where the testbed goes (default: a temporary directory, removed afterwards).")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    Nsbed nsbed = (Nsbed) spec.root().userObject();
    if (clients < 1 || clients > 1000 || swapIns < 1 || swapIns > 100 || nodes < 1 || nodes > 1000) {
      throw new UserError("--clients must be from 1 to 1000, --swapins from 1 to 100 and --nodes from 1 to 1000",
          Nsbed.EXIT_USAGE);
    }
    if (!(timeScale > 0) || timeScale > 10 || limitSeconds < 1 || limitSeconds > 3600 || warmUpSeconds < 0
        || warmUpSeconds > 600) {
      throw new UserError("--time-scale must be above 0 and at most 10, --limit from 1 to 3600 seconds, --warmup "
          + "from 0 to 600 seconds",
          Nsbed.EXIT_USAGE);
    }
    if (workDir != null && Files.exists(workDir)) {
      throw new UserError("--work-dir " + workDir + " exists; the benchmark needs a fresh directory", Nsbed.EXIT_USAGE);
    }
    Path work = workDir != null ? workDir : Files.createTempDirectory("nsbed-bench-server-");
    boolean table = !nsbed.json();
    try {
      ServerBenchmark.Settings settings = new ServerBenchmark.Settings(clients, swapIns, nodes, timeScale,
          Duration.ofSeconds(limitSeconds), Duration.ofSeconds(warmUpSeconds));
      ServerBenchmark.Result result = ServerBenchmark.run(work, settings, line -> {
        if (table && !nsbed.quiet()) {
          System.out.println(line);
        }
      });
      if (table) {
        printTable(result);
      } else {
        System.out.println(json(result));
      }
      return Nsbed.EXIT_OK;
    } finally {
      if (workDir == null) {
        delete(work);
      }
    }
  }

  private static void printTable(ServerBenchmark.Result r) {
    System.out.println();
    System.out.println(String.format(Locale.ROOT, "%-36s %9s %8s %7s %7s %7s %6s", "call", "requests", "req/s",
        "p50 ms", "p99 ms", "max ms", "errors"));
    for (CallFigures c : r.calls()) {
      System.out.println(String.format(Locale.ROOT, "%-36s %9d %8.1f %7.1f %7.1f %7.1f %6d", c.call(), c.requests(),
          c.requestsPerSecond(), c.p50Millis(), c.p99Millis(), c.maxMillis(), c.errors()));
    }
    ServerBenchmark.Settings s = r.settings();
    System.out.println(String.format(Locale.ROOT, "%d clients for %.1f s while %d swap-ins of %d nodes ran: %d done, "
        + "%d failed, %d unfinished", s.clients(), r.seconds(), s.swapIns(), s.nodesPerSwapIn(), r.swapInsDone(),
        r.swapInsFinished() - r.swapInsDone(), s.swapIns() - r.swapInsFinished()));
    CallFigures all = r.all();
    System.out.println(String.format(Locale.ROOT, "CPU of the benchmark's process in the window: %.1f s, %.2f ms per "
        + "request (server, clients and swap-ins together); load average %.1f at the start, %.1f at the end",
        r.cpuSeconds(), all.requests() == 0 ? 0 : r.cpuSeconds() * 1000 / all.requests(), r.loadAtStart(),
        r.loadAtEnd()));
    boolean met = all.p99Millis() < TARGET_P99_MS && all.errors() == 0;
    System.out.println("target (p99 under " + (int) TARGET_P99_MS + " ms, no errors): " + (met ? "met" : "NOT met"));
    r.errorSamples().forEach(e -> System.out.println("error: " + e));
  }

  private static String json(ServerBenchmark.Result r) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode root = m.createObjectNode();
    ServerBenchmark.Settings s = r.settings();
    root.put("clients", s.clients());
    root.put("swapIns", s.swapIns());
    root.put("nodesPerSwapIn", s.nodesPerSwapIn());
    root.put("timeScale", s.timeScale());
    root.put("seconds", round(r.seconds()));
    root.put("swapInsDone", r.swapInsDone());
    root.put("swapInsFinished", r.swapInsFinished());
    root.put("cpuSeconds", round(r.cpuSeconds()));
    root.putArray("loadAverage").add(round(r.loadAtStart())).add(round(r.loadAtEnd()));
    ArrayNode calls = root.putArray("calls");
    for (CallFigures c : r.calls()) {
      calls.addObject().put("call", c.call()).put("requests", c.requests())
          .put("requestsPerSecond", round(c.requestsPerSecond())).put("p50Ms", round(c.p50Millis()))
          .put("p99Ms", round(c.p99Millis())).put("maxMs", round(c.maxMillis())).put("errors", c.errors());
    }
    ArrayNode samples = root.putArray("errorSamples");
    r.errorSamples().forEach(samples::add);
    return root.toString();
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
