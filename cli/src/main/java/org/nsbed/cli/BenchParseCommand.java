package org.nsbed.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nsbed.interpreter.bench.ParseBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nsbed bench parse}: the NS front end's benchmark (see docs/ns-language.md). */
@Command(name = "parse", mixinStandardHelpOptions = true,
    description = {"Parse generated NS files of N nodes (a loop making the nodes, a chain of links and a LAN of all "
        + "nodes) and report the time and peak heap growth of each parse. Prints a table (or --json)."})
public final class BenchParseCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--nodes", split = ",", paramLabel = "N,N,...",
      description = "Node counts (default 100,1000,5000).")
  List<Integer> nodes = List.of(100, 1000, 5000);

  @Option(names = "--repeat", description = "Parses per size; the median time is reported (default ${DEFAULT-VALUE}).")
  int repeat = 3;

  @Override
  public Integer call() {
    Nsbed nsbed = (Nsbed) spec.root().userObject();
    if (repeat < 1 || nodes.isEmpty() || nodes.stream().anyMatch(n -> n < 1)) {
      throw new UserError("--repeat and --nodes must be positive", Nsbed.EXIT_USAGE);
    }
    List<ParseBenchmark.Run> runs = ParseBenchmark.run(nodes.stream().mapToInt(Integer::intValue).toArray(), repeat);
    if (nsbed.json()) {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode root = mapper.createObjectNode();
      ArrayNode array = root.putArray("runs");
      for (ParseBenchmark.Run r : runs) {
        array.addObject().put("nodes", r.nodes()).put("seconds", r.seconds()).put("peakMemoryMiB", r.peakMemoryMiB());
      }
      System.out.println(root.toPrettyString());
    } else {
      System.out.print(table(runs));
    }
    return Nsbed.EXIT_OK;
  }

  static String table(List<ParseBenchmark.Run> runs) {
    StringBuilder b = new StringBuilder("| nodes | seconds | ms per node | peak heap MiB |\n|---|---|---|---|\n");
    for (ParseBenchmark.Run r : runs) {
      b.append(String.format(Locale.ROOT, "| %d | %.3f | %.3f | %.1f |%n", r.nodes(), r.seconds(),
          r.seconds() * 1000 / r.nodes(), r.peakMemoryMiB()));
    }
    return b.toString();
  }
}
