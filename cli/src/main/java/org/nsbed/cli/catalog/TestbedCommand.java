package org.nsbed.cli.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.HomeDatabase;
import org.nsbed.cli.UserError;
import org.nsbed.provisioner.catalog.Catalogue;
import org.nsbed.provisioner.catalog.UserListing;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.provisioner.persistence.ProcessLock;
import org.nsbed.provisioner.testbed.DefaultTestbed;
import org.nsbed.provisioner.testbed.FirstUse;
import org.nsbed.provisioner.testbed.HomeTestbed;
import org.nsbed.provisioner.catalog.NodeNames;
import org.nsbed.provisioner.testbed.TestbedFile;
import org.nsbed.provisioner.testbed.TestbedImporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nsbed testbed init|show}: load a testbed file into the database, show the catalogue. */
@Command(name = "testbed", mixinStandardHelpOptions = true, description = "The testbed catalogue: init, show.",
    subcommands = {TestbedCommand.Init.class, TestbedCommand.Show.class, CommandLine.HelpCommand.class})
public final class TestbedCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code nsbed testbed init [FILE]}. */
  @Command(name = "init", mixinStandardHelpOptions = true,
      description = {"Make a testbed file the testbed of this home and import it (default: --testbed, else "
          + "<home>/testbed.yaml, the built-in default when you never gave one).",
          "The file is copied to <home>/testbed.yaml, so all of it takes effect, faults: and simulation: included. "
              + "Importing the same file again changes nothing; a changed file updates the catalogue: free nodes "
              + "no longer in the file are removed, reserved ones are kept until released. Missing image "
              + "files get small stand-in images; existing files are never overwritten."})
  public static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "The testbed file.")
    Path file;

    @Override
    public Integer call() throws IOException {
      Nsbed nsbed = ImageCommand.root(spec);
      Path source = file;
      if (source == null) {
        source = HomeDatabase.testbedOption(nsbed) != null ? HomeDatabase.testbedOption(nsbed) : DefaultTestbed.ensure(nsbed.home());
      }
      if (!Files.isRegularFile(source)) {
        throw new UserError(source + ": no such testbed file");
      }
      TestbedFile testbed = HomeDatabase.loadFile(source);
      TestbedImporter.Report report;
      // The first-use lock: a command meeting the empty database meanwhile must not import the
      // default under this import.
      try (ProcessLock lock = ProcessLock.acquire(nsbed.home().resolve(FirstUse.LOCK_FILE));
          Database db = HomeDatabase.openWithoutCatalog(nsbed, List.of())) {
        report = new TestbedImporter(db, nsbed.home()).importFile(testbed, nsbed.user());
        HomeTestbed.install(nsbed.home(), source);
      } catch (IllegalArgumentException e) {
        throw new UserError(source + ": " + e.getMessage());
      }
      if (nsbed.json()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", source.toString());
        m.put("counts", report.counts());
        m.put("created", report.created());
        m.put("updated", report.updated());
        m.put("unchanged", report.unchanged());
        Map<String, String> standIns = new LinkedHashMap<>();
        report.standIns().forEach((k, v) -> standIns.put(k, v.toString()));
        m.put("standIns", standIns);
        m.put("notInFile", report.notInFile());
        m.put("removedNodes", report.removed());
        m.put("reservedNotInFile", report.reservedNotInFile());
        Output.json(System.out, m);
        return Nsbed.EXIT_OK;
      }
      if (!nsbed.quiet()) {
        String counts = report.counts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", "));
        System.out.println(source + ": " + counts);
        System.out.println(report.changedAnything()
            ? "imported: " + report.created() + " created, " + report.updated() + " updated, " + report.unchanged()
                + " unchanged"
            : "already up to date: nothing changed");
        report.standIns().forEach((name, path) -> System.out.println(testbed.images().stream()
            .filter(i -> i.qualifiedName().equals(name)).findFirst().flatMap(TestbedFile.Image::recipe)
            .map(recipe -> "image built from recipe " + recipe + " for " + name + ": " + path)
            .orElse("stand-in image written for " + name + ": " + path)));
        if (!report.removed().isEmpty()) {
          System.out.println("removed (no longer in the file): " + NodeNames.summary(report.removed()));
        }
        if (!report.reservedNotInFile().isEmpty()) {
          System.out.println("not in the file but reserved, kept until released (run testbed init again then): "
              + String.join(", ", report.reservedNotInFile()));
        }
        if (!report.notInFile().isEmpty()) {
          System.out.println("kept (in the database, not in the file): " + String.join(", ", report.notInFile()));
        }
      }
      return Nsbed.EXIT_OK;
    }
  }

  /** {@code nsbed testbed show}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the catalogue: projects, users, node types, nodes, OSIDs, images.")
  public static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Nsbed nsbed = ImageCommand.root(spec);
      Catalogue.Overview overview = HomeDatabase.withDatabase(nsbed, db -> new Catalogue(db).overview());
      Map<String, Object> catalogue = new LinkedHashMap<>();
      catalogue.put("projects", overview.projects());
      List<Map<String, Object>> users = new ArrayList<>();
      for (UserListing u : overview.users()) {
        users.add(Map.of("name", u.name(), "admin", u.admin(), "projects", u.projects()));
      }
      catalogue.put("users", users);
      List<Map<String, Object>> types = new ArrayList<>();
      for (Catalogue.NodeTypeSummary t : overview.nodeTypes()) {
        Map<String, Object> tm = new LinkedHashMap<>();
        tm.put("name", t.name());
        tm.put("class", t.nodeClass());
        tm.put("defaultOs", t.defaultOs());
        tm.put("interfaces", t.interfaces());
        tm.put("diskGiB", t.diskGiB());
        tm.put("biosWaitSeconds", t.biosWaitSeconds());
        tm.put("remote", t.remote());
        tm.put("virtual", t.virtual());
        tm.put("subnode", t.subnode());
        tm.put("allowedProjects", t.allowedProjects());
        tm.put("nodes", t.nodes());
        tm.put("free", t.free());
        types.add(tm);
      }
      catalogue.put("nodeTypes", types);
      catalogue.put("nodes", overview.nodes());
      catalogue.put("osids", overview.osids());
      catalogue.put("images", overview.images());
      if (nsbed.json()) {
        Output.json(System.out, catalogue);
        return Nsbed.EXIT_OK;
      }
      System.out.println("Projects: " + String.join(", ", castList(catalogue.get("projects"))));
      for (Object u : (List<?>) catalogue.get("users")) {
        Map<?, ?> um = (Map<?, ?>) u;
        System.out.println("User " + um.get("name") + (Boolean.TRUE.equals(um.get("admin")) ? " (admin)" : "") + ": "
            + um.get("projects"));
      }
      System.out.println();
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("NODE TYPE", "CLASS", "DEFAULT OS", "NODES", "FREE", "FLAGS"));
      for (Object t : (List<?>) catalogue.get("nodeTypes")) {
        Map<?, ?> tm = (Map<?, ?>) t;
        String flags = (Boolean.TRUE.equals(tm.get("remote")) ? "remote " : "")
            + (Boolean.TRUE.equals(tm.get("virtual")) ? "virtual " : "")
            + (Boolean.TRUE.equals(tm.get("subnode")) ? "subnode " : "")
            + (((List<?>) tm.get("allowedProjects")).isEmpty() ? "" : "only " + tm.get("allowedProjects"));
        rows.add(List.of(String.valueOf(tm.get("name")), String.valueOf(tm.get("class")),
            Output.orDash(tm.get("defaultOs")), String.valueOf(tm.get("nodes")), String.valueOf(tm.get("free")),
            Output.orDash(flags.trim())));
      }
      Output.table(System.out, rows);
      System.out.println();
      System.out.println("Nodes: " + catalogue.get("nodes"));
      System.out.println("OSIDs: " + String.join(", ", castList(catalogue.get("osids"))));
      System.out.println("Images: " + String.join(", ", castList(catalogue.get("images"))));
      return Nsbed.EXIT_OK;
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
      return (List<String>) o;
    }
  }
}
