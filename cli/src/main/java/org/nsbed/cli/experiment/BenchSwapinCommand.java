package org.nsbed.cli.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.provisioner.recipe.ImageRecipes;
import org.nsbed.scheduler.bench.OverheadChart;
import org.nsbed.scheduler.bench.SwapInBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nsbed bench swapin}: control-plane overhead of swapping in a large experiment. */
@Command(name = "swapin", mixinStandardHelpOptions = true,
    description = {"Swap in an N-node experiment (two images) on a fresh simulated testbed of N+10 nodes with the "
        + "real loader, database and scheduler, several times, and report the time outside loading and booting "
        + "(control-plane overhead) of each run and the median run, and how long mapping and reserving all N nodes "
        + "in one transaction took. Several node counts (--nodes 50,200,500,1000) run one after the other, each on "
        + "a fresh testbed. Targets: under 2 s of overhead for 50 nodes, under 3 s for 1000.",
        "JSON (--json): per node count, one line {nodes, totalSeconds, loadSeconds, bootSeconds, overheadSeconds, "
            + "reserveSeconds, loadAverage} of the median run, plus runs."})
public final class BenchSwapinCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--nodes", split = ",", paramLabel = "N[,N...]",
      description = "Virtual nodes (default 50; 4 with --vm); several counts run one after the other.")
  List<Integer> nodes;

  @Option(names = "--chart", paramLabel = "FILE",
      description = "Also write an SVG chart of the median overhead against the node count to FILE.")
  Path chart;

  @Option(names = "--runs", description = "Swap-ins (default 3; 1 with --vm); the median is reported.")
  Integer runs;

  @Option(names = "--time-scale", defaultValue = "0.01",
      description = "Simulated hardware time scale (default ${DEFAULT-VALUE}, as the default testbed).")
  double timeScale;

  @Option(names = "--vm", description = "Swap in QEMU virtual machines booting TINY-LINUX instead of simulated "
      + "nodes: real loads and boots (default 4 nodes, 1 run with --vm).")
  boolean vm;

  @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the testbed goes (default: a temporary directory, removed afterwards).")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    Nsbed nsbed = (Nsbed) spec.root().userObject();
    List<Integer> counts = this.nodes != null ? this.nodes : List.of(vm ? 4 : 50);
    int runs = this.runs != null ? this.runs : vm ? 1 : 3;
    if (counts.stream().anyMatch(n -> n < 1) || runs < 1 || timeScale <= 0) {
      throw new UserError("--nodes and --runs must be at least 1 and --time-scale positive", Nsbed.EXIT_USAGE);
    }
    if (nsbed.databaseUrl() != null && counts.size() > 1) {
      throw new UserError("with --db, give one node count: each count needs a fresh, empty database",
          Nsbed.EXIT_USAGE);
    }
    boolean table = !nsbed.json();
    if (table) {
      System.out.println("nodes  total s  load s  boot s  overhead s  already loaded  load avg");
    }
    List<OverheadChart.Point> points = new ArrayList<>();
    for (int nodes : counts) {
      Path work = workDir != null ? workDir.resolve(Integer.toString(nodes))
          : Files.createTempDirectory("nsbed-bench-swapin-");
      try {
        SwapInBenchmark.Setup setup = vm ? SwapInBenchmark.virtualMachines(nodes, ImageRecipes.cacheDir(nsbed.home()))
            : SwapInBenchmark.simulated(nodes, timeScale);
        double[] reserve = new double[1];
        List<SwapInBenchmark.Run> results = SwapInBenchmark.run(work, setup, nodes, runs, nsbed.databaseUrl(),
            seconds -> reserve[0] = seconds, r -> {
              if (table) {
                System.out.println(row(r));
              }
            });
        SwapInBenchmark.Run median = results.stream()
            .sorted(Comparator.comparingDouble(SwapInBenchmark.Run::overheadSeconds)).toList().get(results.size() / 2);
        points.add(new OverheadChart.Point(nodes, median.overheadSeconds()));
        if (table) {
          System.out.println(String.format(Locale.ROOT, "%d nodes: median overhead %.3f s; mapping and reserving "
              + "all %d nodes in one transaction: %.3f s (load average %.1f)", nodes, median.overheadSeconds(), nodes,
              reserve[0], loadAverage()));
        } else {
          ObjectMapper m = new ObjectMapper();
          ObjectNode root = json(m, median);
          root.put("reserveSeconds", millis(reserve[0]));
          ArrayNode all = root.putArray("runs");
          results.forEach(r -> all.add(json(m, r)));
          System.out.println(m.writeValueAsString(root));
        }
      } finally {
        if (workDir == null) {
          delete(work);
        }
      }
    }
    if (chart != null) {
      Files.writeString(chart, OverheadChart.svg(points, String.format(Locale.ROOT,
          "swap-in control-plane overhead (median of %d), %s, load average %.0f", runs,
          nsbed.databaseUrl() == null ? "H2" : nsbed.databaseUrl().replaceFirst("^jdbc:(\\w+):.*", "$1"),
          loadAverage())));
    }
    return Nsbed.EXIT_OK;
  }

  /** The host's one-minute load average: the figures depend on what else runs. */
  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static String row(SwapInBenchmark.Run r) {
    return String.format(Locale.ROOT, "%5d  %7.3f  %6.3f  %6.3f  %10.3f  %14d  %8.1f", r.nodes(), r.totalSeconds(),
        r.loadSeconds(), r.bootSeconds(), r.overheadSeconds(), r.alreadyLoaded(), loadAverage());
  }

  private static ObjectNode json(ObjectMapper m, SwapInBenchmark.Run r) {
    ObjectNode o = m.createObjectNode();
    o.put("nodes", r.nodes());
    o.put("totalSeconds", millis(r.totalSeconds()));
    o.put("loadSeconds", millis(r.loadSeconds()));
    o.put("bootSeconds", millis(r.bootSeconds()));
    o.put("overheadSeconds", millis(r.overheadSeconds()));
    o.put("alreadyLoaded", r.alreadyLoaded());
    o.put("loadAverage", Math.round(loadAverage() * 10) / 10.0);
    return o;
  }

  private static double millis(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
