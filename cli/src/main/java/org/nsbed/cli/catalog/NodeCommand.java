package org.nsbed.cli.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.Testbeds;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.catalog.Node;
import org.nsbed.provisioner.catalog.NodeState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nsbed node list}: the physical node inventory. */
@Command(name = "node", mixinStandardHelpOptions = true, description = "The physical nodes.",
    subcommands = {NodeCommand.ListNodes.class, CommandLine.HelpCommand.class})
public final class NodeCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code nsbed node list [--free]}. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the physical nodes, their state and who holds each.")
  public static final class ListNodes implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--free", description = "Only free nodes.")
    boolean free;

    @Override
    public Integer call() {
      Nsbed nsbed = ImageCommand.root(spec);
      List<Map<String, Object>> nodes = Testbeds.withDatabase(nsbed, db -> db.read(s -> {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Node n : new CatalogRepository(s).nodes()) {
          if (free && n.state() != NodeState.FREE) {
            continue;
          }
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", n.name());
          m.put("type", n.type().name());
          m.put("state", n.state().label());
          m.put("pid", n.experiment() == null ? null : n.experiment().project().pid());
          m.put("eid", n.experiment() == null ? null : n.experiment().eid());
          m.put("vname", n.vname());
          out.add(m);
        }
        return out;
      }));
      if (nsbed.json()) {
        Output.json(System.out, nodes);
        return Nsbed.EXIT_OK;
      }
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("NODE", "TYPE", "STATE", "EXPERIMENT", "VNAME"));
      for (Map<String, Object> n : nodes) {
        rows.add(List.of((String) n.get("name"), (String) n.get("type"), (String) n.get("state"),
            n.get("pid") == null ? "-" : n.get("pid") + "/" + n.get("eid"), Output.orDash(n.get("vname"))));
      }
      Output.table(System.out, rows);
      return Nsbed.EXIT_OK;
    }
  }
}
