package org.nsbed.cli.swap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.provisioner.recipe.ImageRecipes;
import org.nsbed.scheduler.bench.SwapInBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nsbed bench swapin}: control-plane overhead of swapping in a large experiment. */
@Command(name = "swapin", mixinStandardHelpOptions = true,
    description = {"Swap in an N-node experiment (two images) on a fresh simulated testbed with the real loader, "
        + "database and scheduler, several times, and report the time outside loading and booting (control-plane "
        + "overhead) of each run and the median run. Target: under 2 s for 50 nodes.",
        "JSON (--json): {nodes, totalSeconds, loadSeconds, bootSeconds, overheadSeconds} of the median run, plus runs."})
public final class BenchSwapinCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--nodes", description = "Virtual nodes (default 50; 4 with --vm).")
  Integer nodes;

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
    int nodes = this.nodes != null ? this.nodes : vm ? 4 : 50;
    int runs = this.runs != null ? this.runs : vm ? 1 : 3;
    if (nodes < 1 || runs < 1 || timeScale <= 0) {
      throw new UserError("--nodes and --runs must be at least 1 and --time-scale positive", Nsbed.EXIT_USAGE);
    }
    Path work = workDir != null ? workDir : Files.createTempDirectory("nsbed-bench-swapin-");
    try {
      boolean table = !nsbed.json();
      if (table) {
        System.out.println("nodes  total s  load s  boot s  overhead s  already loaded");
      }
      SwapInBenchmark.Setup setup = vm ? SwapInBenchmark.virtualMachines(nodes, ImageRecipes.cacheDir(nsbed.home()))
          : SwapInBenchmark.simulated(nodes, timeScale);
      List<SwapInBenchmark.Run> results = SwapInBenchmark.run(work, setup, nodes, runs, r -> {
        if (table) {
          System.out.println(row(r));
        }
      });
      SwapInBenchmark.Run median = results.stream().sorted(Comparator.comparingDouble(SwapInBenchmark.Run::overheadSeconds))
          .toList().get(results.size() / 2);
      if (table) {
        System.out.println("median overhead: " + String.format(Locale.ROOT, "%.3f s", median.overheadSeconds())
            + (vm ? "" : " (target: under 2 s for 50 nodes)"));
      } else {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = json(m, median);
        ArrayNode all = root.putArray("runs");
        results.forEach(r -> all.add(json(m, r)));
        System.out.println(m.writeValueAsString(root));
      }
      return Nsbed.EXIT_OK;
    } finally {
      if (workDir == null) {
        delete(work);
      }
    }
  }

  private static String row(SwapInBenchmark.Run r) {
    return String.format(Locale.ROOT, "%5d  %7.3f  %6.3f  %6.3f  %10.3f  %14d", r.nodes(), r.totalSeconds(),
        r.loadSeconds(), r.bootSeconds(), r.overheadSeconds(), r.alreadyLoaded());
  }

  private static ObjectNode json(ObjectMapper m, SwapInBenchmark.Run r) {
    ObjectNode o = m.createObjectNode();
    o.put("nodes", r.nodes());
    o.put("totalSeconds", millis(r.totalSeconds()));
    o.put("loadSeconds", millis(r.loadSeconds()));
    o.put("bootSeconds", millis(r.bootSeconds()));
    o.put("overheadSeconds", millis(r.overheadSeconds()));
    o.put("alreadyLoaded", r.alreadyLoaded());
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
