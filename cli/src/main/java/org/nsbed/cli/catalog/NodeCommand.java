package org.nsbed.cli.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.HomeDatabase;
import org.nsbed.provisioner.catalog.Catalogue;
import org.nsbed.provisioner.catalog.NodeAvailability;
import org.nsbed.cli.client.ApiClient;
import org.nsbed.server.json.CatalogJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nsbed node list|down|free}: the physical node inventory, and taking nodes out of service. */
@Command(name = "node", mixinStandardHelpOptions = true, description = "The physical nodes.",
    subcommands = {NodeCommand.ListNodes.class, NodeCommand.DownNodes.class, NodeCommand.FreeNodes.class,
        CommandLine.HelpCommand.class})
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
      List<Map<String, Object>> nodes = ApiClient.of(nsbed).map(api -> ImageCommand.maps(api.get("/api/v1/nodes")))
          .orElseGet(() -> HomeDatabase.withDatabase(nsbed, db -> new Catalogue(db).nodes().stream()
              .map(CatalogJson::node).toList()));
      if (free) {
        nodes = nodes.stream().filter(n -> "free".equals(n.get("state"))).toList();
      }
      if (nsbed.json()) {
        Output.json(System.out, nodes);
        return Nsbed.EXIT_OK;
      }
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("NODE", "TYPE", "STATE", "EXPERIMENT", "VNAME", "REASON"));
      for (Map<String, Object> n : nodes) {
        rows.add(List.of((String) n.get("name"), (String) n.get("type"), (String) n.get("state"),
            n.get("pid") == null ? "-" : n.get("pid") + "/" + n.get("eid"), Output.orDash(n.get("vname")),
            Output.orDash(n.get("reason"))));
      }
      Output.table(System.out, rows);
      return Nsbed.EXIT_OK;
    }
  }

  /** One line per node, or the list as JSON. */
  private static void report(Nsbed nsbed, List<NodeAvailability.Change> changes) {
    if (nsbed.json()) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (NodeAvailability.Change c : changes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.node());
        m.put("state", c.state());
        m.put("reason", c.reason());
        m.put("message", c.message());
        out.add(m);
      }
      Output.json(System.out, out);
    } else if (!nsbed.quiet()) {
      changes.forEach(c -> System.out.println(c.message()));
    }
  }

  /** {@code nsbed node down NODE... --reason TEXT}: takes free nodes out of service (admins only). */
  @Command(name = "down", mixinStandardHelpOptions = true,
      description = "Take nodes out of service (admins only); a node held by an experiment must be swapped out first.")
  public static final class DownNodes implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NODE", arity = "1..*", description = "Nodes to take down.")
    List<String> names;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (shown by node list).")
    String reason;

    @Override
    public Integer call() {
      Nsbed nsbed = ImageCommand.root(spec);
      List<NodeAvailability.Change> changes = HomeDatabase.withDatabase(nsbed, db ->
          new NodeAvailability(db).down(nsbed.user(), names, reason));
      report(nsbed, changes);
      return Nsbed.EXIT_OK;
    }
  }

  /** {@code nsbed node free NODE...}: returns down nodes to service (admins only). */
  @Command(name = "free", mixinStandardHelpOptions = true,
      description = "Return down nodes to service (admins only); free and reserved nodes are left as they are.")
  public static final class FreeNodes implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NODE", arity = "1..*", description = "Nodes to return to service.")
    List<String> names;

    @Override
    public Integer call() {
      Nsbed nsbed = ImageCommand.root(spec);
      List<NodeAvailability.Change> changes = HomeDatabase.withDatabase(nsbed, db ->
          new NodeAvailability(db).free(nsbed.user(), names));
      report(nsbed, changes);
      return Nsbed.EXIT_OK;
    }
  }
}
