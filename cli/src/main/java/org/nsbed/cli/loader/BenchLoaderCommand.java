package org.nsbed.cli.loader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.loader.bench.LoaderBenchmark;
import org.nsbed.loader.bench.NamespaceBenchmark;
import org.nsbed.loader.multicast.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nsbed bench loader}: the multicast loader benchmark (see docs/loader.md). */
@Command(name = "loader", mixinStandardHelpOptions = true,
    description = {"Load a realistic disk image (a tar of system files) onto N disk files on tmpfs at once by loopback multicast,",
        "and for comparison by N parallel TCP copies. Prints a table (or --json).",
        "With --netns N: the server and N clients in network namespaces of their own behind a bridge, each link at",
        "--rate Mbit/s and losing --loss %% of the UDP datagrams its host receives (needs root)."})
public final class BenchLoaderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--size", paramLabel = "MIB", description = "Disk size in MiB (default ${DEFAULT-VALUE}).")
  int size = 256;

  @Option(names = "--clients", split = ",", paramLabel = "N,N,...", description = "Client counts (default 1,4,8,16).")
  List<Integer> clients = List.of(1, 4, 8, 16);

  @Option(names = "--runs", description = "Runs per client count; the median is reported (default ${DEFAULT-VALUE}).")
  int runs = 3;

  @Option(names = "--rate", paramLabel = "MBIT", description = "Server rate cap in Mbit/s (default " + ServerConfig.DEFAULT_RATE_MBPS
      + "; with --netns, each link's rate, default 1000).")
  Integer rate;

  @Option(names = "--netns", paramLabel = "N", description = "Run across N client network namespaces behind a bridge.")
  Integer netns;

  @Option(names = "--loss", paramLabel = "P", description = "With --netns: the percentage of UDP datagrams each host drops on receipt (default 0).")
  int loss;

  @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the corpus, image and disks go (default ${DEFAULT-VALUE}); removed afterwards.")
  Path workDir = Path.of("/dev/shm");

  @Option(names = "--source", split = ",", paramLabel = "DIR", description = "Directories whose tar makes the disk (default /usr/share,/usr/lib).")
  List<Path> sources = List.of(Path.of("/usr/share"), Path.of("/usr/lib"));

  @Option(names = "--no-unicast", description = "Skip the TCP comparison.")
  boolean noUnicast;

  @Option(names = "--cpu-hogs", paramLabel = "K", description = "Run K busy threads in a separate process during the loads (default 0).")
  int cpuHogs;

  @Override
  public Integer call() throws InterruptedException {
    Nsbed nsbed = (Nsbed) spec.root().userObject();
    if (size < 1 || runs < 1 || clients.isEmpty() || clients.stream().anyMatch(n -> n < 1)) {
      throw new UserError("--size, --runs and --clients must be positive", Nsbed.EXIT_USAGE);
    }
    if (cpuHogs < 0) {
      throw new UserError("--cpu-hogs must not be negative, not " + cpuHogs, Nsbed.EXIT_USAGE);
    }
    if (netns != null) {
      return acrossNamespaces(nsbed);
    }
    if (loss != 0) {
      throw new UserError("--loss needs --netns", Nsbed.EXIT_USAGE);
    }
    LoaderBenchmark.Config config = new LoaderBenchmark.Config(size, clients, runs,
        rate != null ? rate : ServerConfig.DEFAULT_RATE_MBPS, workDir, sources, !noUnicast, cpuHogs);
    LoaderBenchmark.Report report;
    try {
      report = LoaderBenchmark.run(config, line -> {
        if (!nsbed.quiet() && !nsbed.json()) {
          System.err.println(line);
        }
      });
    } catch (IOException e) {
      throw new UserError("loader benchmark failed: " + e.getMessage(), Nsbed.EXIT_FAILED);
    }
    if (nsbed.json()) {
      System.out.println(report.toJson());
    } else {
      System.out.print(table(report));
    }
    return report.runs().stream().allMatch(LoaderBenchmark.Run::identical) ? Nsbed.EXIT_OK : Nsbed.EXIT_FAILED;
  }

  private int acrossNamespaces(Nsbed nsbed) throws InterruptedException {
    int linkRate = rate != null ? rate : 1000;
    if (netns < 1 || linkRate < 1 || loss < 0 || loss > 100) {
      throw new UserError("--netns and --rate must be positive and --loss 0-100", Nsbed.EXIT_USAGE);
    }
    NamespaceBenchmark.Result r;
    try {
      r = NamespaceBenchmark.run(new NamespaceBenchmark.Config(size, netns, linkRate, loss, runs, workDir, sources), line -> {
        if (!nsbed.quiet() && !nsbed.json()) {
          System.err.println(line);
        }
      });
    } catch (IOException e) {
      throw new UserError("loader benchmark failed: " + e.getMessage(), Nsbed.EXIT_FAILED);
    }
    if (nsbed.json()) {
      System.out.println(r.toJson());
    } else {
      System.out.println("| N | link | loss | seconds (median [min-max]) | server bytes / image | ideal s | identical |");
      System.out.println("|---|---|---|---|---|---|---|");
      System.out.printf(Locale.ROOT, "| %d | %d Mbit/s | %d %% | %.2f [%.2f-%.2f] | %.3f | %.2f | %s |%n", r.clients(),
          r.rateMbit(), r.lossPercent(), r.seconds(), r.minSeconds(), r.maxSeconds(),
          r.serverBytes() / (double) r.compressedBytes(), r.idealSeconds(), r.identical() ? "yes" : "NO");
    }
    return r.identical() ? Nsbed.EXIT_OK : Nsbed.EXIT_FAILED;
  }

  static String table(LoaderBenchmark.Report r) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "image: %.0f MiB disk, %d bytes compressed (%.2fx), %d chunks, captured in %.2f s%n",
        r.bytes() / 1048576.0, r.compressedBytes(), r.bytes() / (double) r.compressedBytes(), r.chunks(), r.captureSeconds()));
    b.append(String.format(Locale.ROOT, "load average %.2f before, %.2f after; %d busy threads beside the loads%n",
        r.loadBefore(), r.loadAfter(), r.cpuHogs()));
    b.append("| N | multicast s (median [min-max]) | server bytes / image | duplicate bytes | CPU-s | identical | TCP unicast s |\n");
    b.append("|---|---|---|---|---|---|---|\n");
    for (LoaderBenchmark.Run run : r.runs()) {
      String tcp = r.unicast().stream().filter(u -> u.clients() == run.clients()).findFirst()
          .map(u -> String.format(Locale.ROOT, "%.2f", u.seconds())).orElse("-");
      b.append(String.format(Locale.ROOT, "| %d | %.2f [%.2f-%.2f] | %.3f | %d | %.1f | %s | %s |%n",
          run.clients(), run.seconds(), run.minSeconds(), run.maxSeconds(), run.serverBytes() / (double) r.compressedBytes(),
          run.duplicateBytes(), run.cpuSeconds(), run.identical() ? "yes" : "NO", tcp));
    }
    return b.toString();
  }
}
