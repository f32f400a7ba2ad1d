package org.nsbed.cli.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.provisioner.catalog.ImageDescriptors.OsidView;
import org.nsbed.cli.client.ApiClient;
import org.nsbed.server.json.CatalogJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nsbed osid list|show}: OS descriptors. */
@Command(name = "osid", mixinStandardHelpOptions = true, description = "OS descriptors (OSIDs): list, show.",
    subcommands = {OsidCommand.ListOsids.class, OsidCommand.ShowOsid.class, CommandLine.HelpCommand.class})
public final class OsidCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** The shape of {@code osid list --json} (docs/interfaces.md, "Other JSON output"), plus details. */
  static Map<String, Object> json(OsidView o) {
    return CatalogJson.osid(o);
  }

  /** {@code nsbed osid list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the OSIDs you can see.")
  public static final class ListOsids implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Nsbed nsbed = ImageCommand.root(spec);
      List<Map<String, Object>> osids = ApiClient.of(nsbed).map(api -> ImageCommand.maps(api.get("/api/v1/osids")))
          .orElseGet(() -> ImageCommand.descriptors(nsbed, d -> d.osids(nsbed.user())).stream().map(OsidCommand::json)
              .toList());
      if (nsbed.json()) {
        Output.json(System.out, osids);
        return Nsbed.EXIT_OK;
      }
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("OSID", "PROJECT", "OS", "VERSION", "SHARED", "RUNS ON"));
      for (Map<String, Object> o : osids) {
        @SuppressWarnings("unchecked")
        Map<String, Object> runsOn = (Map<String, Object>) o.get("runsOn");
        rows.add(List.of((String) o.get("name"), (String) o.get("project"), (String) o.get("os"),
            Output.orDash(o.get("version")), Boolean.TRUE.equals(o.get("shared")) ? "yes" : "no",
            Output.orDash(String.join(",", runsOn.keySet()))));
      }
      Output.table(System.out, rows);
      return Nsbed.EXIT_OK;
    }
  }

  /** {@code nsbed osid show}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one OSID and the images that provide it.")
  public static final class ShowOsid implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "OSID", description = "NAME or PID/NAME.")
    String name;

    @Override
    public Integer call() {
      Nsbed nsbed = ImageCommand.root(spec);
      OsidView o = ImageCommand.descriptors(nsbed, d -> d.osid(name, nsbed.user()));
      if (nsbed.json()) {
        Output.json(System.out, json(o));
        return Nsbed.EXIT_OK;
      }
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("OSID:", o.project() + "/" + o.name()));
      rows.add(List.of("Description:", Output.orDash(o.description())));
      rows.add(List.of("OS:", o.os() + " " + (o.version().isEmpty() ? "(generic)" : o.version())));
      if (o.nextOs() != null) {
        rows.add(List.of("Stands for:", o.nextOs()));
      }
      rows.add(List.of("Shared:", o.shared() ? "yes" : "no"));
      rows.add(List.of("Features:", Output.orDash(String.join(", ", o.features()))));
      rows.add(List.of("Op mode:", o.opMode()));
      rows.add(List.of("Reboot wait:", o.rebootWaitSeconds() + " s"));
      rows.add(List.of("Max concurrent:", o.maxConcurrent() == 0 ? "no limit" : Integer.toString(o.maxConcurrent())));
      if (!o.parents().isEmpty()) {
        rows.add(List.of("Runs on OSIDs:", String.join(", ", o.parents())));
      }
      StringBuilder runs = new StringBuilder();
      o.runsOn().forEach((type, image) -> runs.append(runs.length() == 0 ? "" : ", ").append(type).append(" (")
          .append(image).append(")"));
      rows.add(List.of("Node types:", runs.length() == 0 ? "none (no image provides it)" : runs.toString()));
      Output.table(System.out, rows);
      return Nsbed.EXIT_OK;
    }
  }
}
