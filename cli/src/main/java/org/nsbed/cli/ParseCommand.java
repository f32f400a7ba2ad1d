package org.nsbed.cli;

import java.io.PrintStream;
import org.nsbed.provisioner.experiment.ExperimentLimits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nsbed.provisioner.testbed.DefaultTestbed;
import org.nsbed.provisioner.testbed.TestbedFile;
import org.nsbed.provisioner.testbed.TestbedFileCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nsbed.interpreter.ir.VirtualNode;
import org.nsbed.provisioner.catalog.DatabaseCatalog;
import org.nsbed.provisioner.mapping.ExperimentTopology;
import org.nsbed.provisioner.mapping.MappingCheck;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.cli.experiment.NsFiles;
import org.nsbed.interpreter.EvaluationLimits;
import org.nsbed.interpreter.NsParser;
import org.nsbed.interpreter.ParseMode;
import org.nsbed.interpreter.ParseRequest;
import org.nsbed.interpreter.ParseResult;
import org.nsbed.interpreter.catalog.NsCatalog;
import org.nsbed.interpreter.ir.Diagnostic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nsbed parse}: checks and evaluates an NS file; prints diagnostics, and the IR with
 * {@code --json} (docs/interfaces.md, "nsbed parse" and "The IR document (nsbed-ir/1)").
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
    description = {"Check an NS file: syntax only, evaluate it, or evaluate it and check its OS names and hardware "
        + "types against the testbed catalogue.",
        "Diagnostics go to stderr as FILE:LINE:COL: error: [command] message; with --json the IR goes to stdout "
            + "(also when the file has errors). Exit status 1 if there is any error."})
public final class ParseCommand implements Callable<Integer> {

  @ParentCommand
  Nsbed nsbed;

  @Option(names = "--mode", paramLabel = "MODE", defaultValue = "full",
      description = "syntax (grammar only), pass (evaluate, no catalogue checks) or full (default).")
  String mode;

  @Option(names = "--project", paramLabel = "PID", defaultValue = "testbed",
      description = "The experiment's project: which OSIDs and node types are visible (default ${DEFAULT-VALUE}).")
  String project;

  @Option(names = "--experiment", paramLabel = "EID", defaultValue = "experiment",
      description = "The experiment's name, as $${GLOBALS::eid} sees it (default ${DEFAULT-VALUE}).")
  String experiment;

  @Option(names = "--isolated",
      description = "Evaluate in a separate JVM with a hard heap cap (for files you do not trust).")
  boolean isolated;

  @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "10",
      description = "Wall-clock budget of the evaluation (default ${DEFAULT-VALUE}).")
  double timeLimit;

  @Option(names = "--heap-limit", paramLabel = "MIB", defaultValue = "512",
      description = "Memory the evaluation may use (default ${DEFAULT-VALUE}).")
  long heapLimit;

  @Parameters(index = "0", paramLabel = "FILE", description = "The NS file.")
  Path file;

  @Override
  public Integer call() {
    ParseMode parseMode;
    try {
      parseMode = ParseMode.of(mode);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), Nsbed.EXIT_USAGE);
    }
    if (timeLimit <= 0 || heapLimit < 16) {
      throw new UserError("--time-limit must be positive and --heap-limit at least 16 MiB", Nsbed.EXIT_USAGE);
    }
    String text = NsFiles.read(file);
    if (parseMode == ParseMode.FULL && HomeDatabase.testbedOption(nsbed) == null
        && !nsbed.externalDatabase() && !Files.isDirectory(nsbed.homePath())) {
      // Checking a file creates no state: without a home, the built-in default in memory.
      ParseResult result = parse(text, parseMode, new TestbedFileCatalog(
          TestbedFile.parse(DefaultTestbed.text(), "the built-in default testbed"), project));
      report(result, "the built-in default testbed (no nsbed home at " + nsbed.homePath() + "; none was created)");
      return result.ok() ? Nsbed.EXIT_OK : Nsbed.EXIT_USER_ERROR;
    }
    if (parseMode == ParseMode.FULL && HomeDatabase.testbedOption(nsbed) == null) {
      // Checked against the home's catalogue, including whether the testbed could ever hold it.
      try (Database db = HomeDatabase.openDatabase(nsbed)) {
        ParseResult result = parse(text, parseMode, DatabaseCatalog.load(db, project));
        if (result.ok()) {
          String why = new MappingCheck(db, nsbed.home()).whyNever(project,
              ExperimentTopology.fromIrJson(result.toJson())).orElse(null);
          if (why != null) {
            result = withError(result, why);
          }
        }
        report(result, nsbed.externalDatabase() ? "the catalogue of the database " + nsbed.db
            : "the catalogue of " + nsbed.home());
        return result.ok() ? Nsbed.EXIT_OK : Nsbed.EXIT_USER_ERROR;
      }
    }
    NsCatalog catalog = null;
    if (parseMode != ParseMode.SYNTAX && HomeDatabase.testbedOption(nsbed) != null) {
      catalog = HomeDatabase.nsCatalog(nsbed, project);
    }
    ParseResult result = parse(text, parseMode, catalog);
    report(result, catalog == null ? null : HomeDatabase.testbedOption(nsbed).toString());
    return result.ok() ? Nsbed.EXIT_OK : Nsbed.EXIT_USER_ERROR;
  }

  private ParseResult parse(String text, ParseMode parseMode, NsCatalog catalog) {
    ParseRequest request = ParseRequest.of(file.toString(), text, parseMode, catalog)
        .withExperiment(project, experiment)
        .withLimits(new EvaluationLimits(Duration.ofMillis((long) (timeLimit * 1000)), heapLimit,
            EvaluationLimits.DEFAULT.maxEvents()));
    ParseResult result = isolated ? NsParser.parseIsolated(request) : NsParser.parse(request);
    return parseMode == ParseMode.SYNTAX ? result : ExperimentLimits.check(result);
  }

  /**
   * {@code result} with an error saying the testbed can never hold the experiment, at the line of
   * the first virtual node the reason names (else the last node's line).
   */
  private static ParseResult withError(ParseResult result, String why) {
    int line = 1;
    for (VirtualNode n : result.ir().nodes()) {
      line = Math.max(n.line(), 1);
      if (why.contains(": " + n.name() + ":") || why.contains(" " + n.name() + " is fixed")
          || why.contains("testbed: " + n.name() + ":")) {
        break;
      }
    }
    List<Diagnostic> all = new ArrayList<>(result.diagnostics());
    all.add(new Diagnostic(Diagnostic.ERROR, "run", why, result.source(), line, 1));
    return ParseResult.of(result.source(), result.ir(), all, result.output());
  }

  /** Prints the outcome; {@code catalogue} names what OS names and types were checked against (null: nothing). */
  private void report(ParseResult result, String catalogue) {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, false, StandardCharsets.UTF_8);
    if (!result.output().isEmpty()) {
      (nsbed.json() ? err : out).print(result.output());
    }
    for (Diagnostic d : result.diagnostics()) {
      if (d.isError() || !nsbed.quiet()) {
        err.println(d.format());
      }
    }
    if (nsbed.json()) {
      out.println(result.toJson());
    } else if (!nsbed.quiet()) {
      long errors = result.errors().size();
      out.println(file + ": " + (result.ok()
          ? "ok: " + result.ir().nodes().size() + " nodes, " + result.ir().lans().size() + " links and LANs"
          : errors + " error" + (errors == 1 ? "" : "s"))
          + (catalogue == null ? "" : " (checked against " + catalogue + ")"));
    }
    out.flush();
    err.flush();
  }
}
