package org.nsbed.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.nsbed.provisioner.access.Credentials;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleEntities;
import org.nsbed.provisioner.node.NodeDriver;
import org.nsbed.provisioner.node.NodeDrivers;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.provisioner.testbed.TestbedFile;
import org.nsbed.provisioner.testbed.TestbedImporter;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.engine.EngineSettings;
import org.nsbed.scheduler.notification.MailboxNotifier;
import org.nsbed.scheduler.bench.SwapInBenchmark;
import org.nsbed.server.NsbedServer;
import org.nsbed.server.api.LocalCredential;

/**
 * The API benchmark: a server on a fresh simulated testbed (embedded database, real scheduler,
 * loader and simulated nodes) answers many concurrent clients, over real HTTP on 127.0.0.1, that
 * read an experiment ({@code GET /api/v1/experiments/{pid}/{eid}}) and the node list
 * ({@code GET /api/v1/nodes}) in a loop, while several swap-ins run. The measurement window runs
 * from the first swap-in request until every swap-in has finished (or the time limit); requests
 * outside it are not counted.
 */
public final class ServerBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXPERIMENT_CALL = "GET /api/v1/experiments/{pid}/{eid}";
  private static final String NODES_CALL = "GET /api/v1/nodes";

  /**
   * What to run.
   *
   * @param clients concurrent API clients, each with its own HTTP client and connection
   * @param swapIns experiments swapped in at once during the measurement
   * @param nodesPerSwapIn nodes of each experiment
   * @param timeScale the simulated hardware's time scale
   * @param limit the measurement stops after this long even if swap-ins still run
   * @param warmUp how long the clients run before the window opens
   */
  public record Settings(int clients, int swapIns, int nodesPerSwapIn, double timeScale, Duration limit,
      Duration warmUp) {
    public Settings {
      if (clients < 1 || swapIns < 1 || nodesPerSwapIn < 1 || !(timeScale > 0) || limit.isNegative()
          || limit.isZero() || warmUp.isNegative()) {
        throw new IllegalArgumentException("clients, swap-ins and nodes must be at least 1, the time scale and the "
            + "time limit positive");
      }
    }
  }

  /** The figures of one call (or of all calls). */
  public record CallFigures(String call, int requests, double requestsPerSecond, double p50Millis,
      double p99Millis, double maxMillis, long errors) {}

  /**
   * The outcome.
   *
   * @param seconds length of the measurement window
   * @param calls figures per call, then {@code all}
   * @param swapInsDone swap-ins that ended with the experiment active
   * @param swapInsFinished swap-ins that ended (active or failed) within the window
   * @param errorSamples the first few errors, as text
   * @param cpuSeconds CPU time this process used in the window: server, clients and swap-ins together
   * @param loadAtStart the machine's 1-minute load average when the window opened (other work on
   *     the machine takes CPU from the benchmark)
   * @param loadAtEnd the same when it closed
   */
  public record Result(Settings settings, double seconds, List<CallFigures> calls, int swapInsDone,
      int swapInsFinished, List<String> errorSamples, double cpuSeconds, double loadAtStart, double loadAtEnd) {
    /** The figures of all calls together. */
    public CallFigures all() {
      return calls.get(calls.size() - 1);
    }
  }

  private ServerBenchmark() {}


  /** An NS file of {@code nodes} nodes on one LAN. */
  static String nsFile(int nodes) {
    return """
        source tb_compat.tcl
        set ns [new Simulator]
        set lanstr ""
        for {set i 0} {$i < %d} {incr i} {
          set n($i) [$ns node]
          append lanstr "$n($i) "
        }
        set lan0 [$ns make-lan "$lanstr" 100Mb 0ms]
        $ns run
        """.formatted(nodes);
  }

  /**
   * Runs the benchmark in {@code work} (a fresh directory).
   *
   * @param progress told what is happening, a line at a time
   */
  public static Result run(Path work, Settings settings, Consumer<String> progress)
      throws IOException, InterruptedException {
    Files.createDirectories(work);
    Path yaml = work.resolve("testbed.yaml");
    Files.writeString(yaml, SwapInBenchmark.testbed(settings.swapIns() * settings.nodesPerSwapIn(), settings.timeScale()));
    TestbedFile file = TestbedFile.load(yaml);
    try (Database db = Database.open(Database.embeddedUrl(work), LifecycleEntities.ALL)) {
      new TestbedImporter(db, work).importFile(file, "bench");
      String token = new Credentials(db).createToken("bench", "bench server").token();
      try (NodeDriver nodes = NodeDrivers.forTestbed(work, db, file)) {
        Engine engine = Engine.open(db, nodes, new MailboxNotifier(work),
            EngineSettings.defaults(work), "bench");
        try (NsbedServer server = NsbedServer.start(engine, db, "bench", "127.0.0.1", 0, LocalCredential.random())) {
          return measure("http://127.0.0.1:" + server.port(), token, settings, progress);
        } finally {
          engine.close();
        }
      }
    }
  }

  private static Result measure(String url, String token, Settings settings, Consumer<String> progress)
      throws IOException, InterruptedException {
    // Each client keeps its connection open between calls, as a client on another machine would;
    // the JDK keeps 5 idle connections per address unless told otherwise.
    System.setProperty("http.maxConnections", Integer.toString(Math.max(5, settings.clients())));
    HttpClient control = HttpClient.newHttpClient();
    List<String> eids = new ArrayList<>();
    for (int i = 1; i <= settings.swapIns(); i++) {
      String eid = "bench" + i;
      JsonNode created = call(control, url, token, "POST", "/api/v1/experiments", JSON.createObjectNode()
          .put("pid", "testbed").put("eid", eid).put("nsFile", nsFile(settings.nodesPerSwapIn())).put("swapIn", false)
          .toString(), 201);
      eids.add(created.path("eid").asText());
    }
    progress.accept(settings.swapIns() + " experiments of " + settings.nodesPerSwapIn() + " nodes created; "
        + settings.clients() + " clients start");

    AtomicBoolean measuring = new AtomicBoolean(false);
    AtomicBoolean stop = new AtomicBoolean(false);
    ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
    List<Client> clients = new ArrayList<>();
    CountDownLatch warm = new CountDownLatch(settings.clients());
    for (int i = 0; i < settings.clients(); i++) {
      Client c = new Client(i, url, token, eids, measuring, stop, warm, errorSamples);
      clients.add(c);
      c.start();
    }
    // Every client has connected and answered once, and the server has served them for the
    // warm-up time (its hot paths compiled, as in a server that has run for a while), before the
    // window opens.
    warm.await();
    progress.accept("warming up for " + settings.warmUp().toSeconds() + " s");
    Thread.sleep(settings.warmUp().toMillis());

    OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    double loadBefore = os.getSystemLoadAverage();
    long cpuBefore = os.getProcessCpuTime();
    measuring.set(true);
    long start = System.nanoTime();
    List<String> ops = new ArrayList<>();
    for (String eid : eids) {
      ops.add(call(control, url, token, "POST", "/api/v1/experiments/testbed/" + eid + "/swapin", null, 202)
          .path("operation").asText());
    }
    progress.accept(settings.swapIns() + " swap-ins requested");
    long deadline = start + settings.limit().toNanos();
    int done = 0;
    List<String> pending = new ArrayList<>(ops);
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      for (String op : List.copyOf(pending)) {
        JsonNode o = call(control, url, token, "GET", "/api/v1/operations/" + op, null, 200);
        String state = o.path("state").asText();
        if (state.equals("done") || state.equals("failed")) {
          pending.remove(op);
          done += state.equals("done") ? 1 : 0;
          if (state.equals("failed")) {
            errorSamples.add("swap-in " + op + " failed: " + o.path("message").asText());
          }
        }
      }
    }
    long end = System.nanoTime();
    measuring.set(false);
    double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
    double loadAfter = os.getSystemLoadAverage();
    stop.set(true);
    for (Client c : clients) {
      c.join();
    }
    double seconds = (end - start) / 1e9;
    progress.accept(done + " of " + ops.size() + " swap-ins done in " + String.format("%.1f", seconds) + " s");

    Map<String, Latencies> byCall = new LinkedHashMap<>();
    byCall.put(EXPERIMENT_CALL, new Latencies());
    byCall.put(NODES_CALL, new Latencies());
    Latencies all = new Latencies();
    for (Client c : clients) {
      byCall.get(EXPERIMENT_CALL).add(c.experiment);
      byCall.get(NODES_CALL).add(c.nodes);
    }
    byCall.values().forEach(all::add);
    byCall.put("all", all);
    List<CallFigures> figures = new ArrayList<>();
    byCall.forEach((call, l) -> figures.add(new CallFigures(call, l.count(), l.count() / seconds,
        l.percentileMillis(50), l.percentileMillis(99), l.percentileMillis(100), l.errors())));
    List<String> samples = errorSamples.stream().limit(5).toList();
    return new Result(settings, seconds, figures, done, ops.size() - pending.size(), samples, cpuSeconds,
        loadBefore, loadAfter);
  }

  private static JsonNode call(HttpClient http, String url, String token, String method, String path, String body,
      int expected) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected) {
      throw new IOException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** One API client: reads an experiment and the node list in turn until told to stop. */
  private static final class Client extends Thread {
    final Latencies experiment = new Latencies();
    final Latencies nodes = new Latencies();
    private final int index;
    private final String url;
    private final String token;
    private final List<String> eids;
    private final AtomicBoolean measuring;
    private final AtomicBoolean stop;
    private final CountDownLatch warm;
    private final ConcurrentLinkedQueue<String> errors;

    Client(int index, String url, String token, List<String> eids, AtomicBoolean measuring, AtomicBoolean stop,
        CountDownLatch warm, ConcurrentLinkedQueue<String> errors) {
      super("bench-client-" + index);
      setDaemon(true);
      this.index = index;
      this.url = url;
      this.token = token;
      this.eids = eids;
      this.measuring = measuring;
      this.stop = stop;
      this.warm = warm;
      this.errors = errors;
    }

    @Override
    public void run() {
      int i = index;
      boolean first = true;
      while (!stop.get()) {
        boolean readNodes = i % 2 == 1;
        String path = readNodes ? "/api/v1/nodes" : "/api/v1/experiments/testbed/" + eids.get((i / 2) % eids.size());
        Latencies into = readNodes ? nodes : experiment;
        boolean counted = measuring.get();
        long t0 = System.nanoTime();
        try {
          HttpURLConnection c = (HttpURLConnection) URI.create(url + path).toURL().openConnection();
          c.setConnectTimeout(10_000);
          c.setReadTimeout(30_000);
          c.setRequestProperty("Authorization", "Bearer " + token);
          int status = c.getResponseCode();
          InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
          // Read the whole body so the connection goes back to the keep-alive cache.
          byte[] body = in == null ? new byte[0] : in.readAllBytes();
          if (in != null) {
            in.close();
          }
          long latency = System.nanoTime() - t0;
          if (status != 200) {
            if (counted) {
              into.recordError();
              errors.add("GET " + path + " answered " + status + ": " + new String(body, StandardCharsets.UTF_8));
            }
          } else if (counted && measuring.get()) {
            into.record(latency);
          }
        } catch (IOException e) {
          if (counted) {
            into.recordError();
            errors.add("GET " + path + ": " + e);
          }
        }
        if (first) {
          first = false;
          warm.countDown();
        }
        i++;
      }
    }
  }
}
