package org.nsbed.cli.experiment;

import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nsbed startexp}: create an experiment from an NS file, optionally swapping it in. */
@Command(name = "startexp", mixinStandardHelpOptions = true,
    description = {"Create an experiment from an NS file (parsed in a separate JVM, checked against the catalogue, "
        + "stored; state swapped).",
        "With -i it is swapped in right away; with -w this process runs the swap-in and shows its progress. "
            + "Without -w the swap-in waits for an nsbed process that runs the scheduler (e.g. nsbed expinfo)."})
public final class StartexpCommand implements Callable<Integer> {
  @ParentCommand
  Nsbed nsbed;

  @Option(names = "-i", description = "Swap in immediately.")
  boolean swapIn;

  @Option(names = "-w", description = "Wait for the swap-in to finish (runs it in this process).")
  boolean await;

  @Option(names = "-E", paramLabel = "DESC", description = "Description.")
  String description;

  @Option(names = "-a", paramLabel = "MIN", description = "Swap out automatically MIN minutes after each swap-in.")
  Integer maxDuration;

  @Option(names = "-l", paramLabel = "MIN", description = "Swap out after MIN minutes of node idleness, after a warning (a running nsbed server acts on it).")
  Integer idleSwap;

  @Option(names = "-p", required = true, paramLabel = "PID", description = "Project.")
  String pid;

  @Option(names = "-e", required = true, paramLabel = "EID", description = "Experiment name.")
  String eid;

  @Parameters(index = "0", paramLabel = "FILE", description = "The NS file.")
  Path file;

  @Override
  public Integer call() {
    if (maxDuration != null && maxDuration <= 0 || idleSwap != null && idleSwap <= 0) {
      throw new UserError("-a and -l take a positive number of minutes", Nsbed.EXIT_USAGE);
    }
    Optional<Remote> remote = Remote.of(nsbed);
    if (remote.isPresent()) {
      return remote(remote.get());
    }
    try (SwapSession session = SwapSession.open(nsbed)) {
      NsFiles.Parsed parsed = NsFiles.parse(session, file, pid, eid);
      Experiment e;
      Operation op = null;
      try {
        e = session.experiments().create(pid, eid, nsbed.user(), description, parsed.text(), parsed.irJson(),
            maxDuration, idleSwap);
      } catch (LifecycleException ex) {
        throw new UserError(ex.getMessage());
      }
      if (swapIn) {
        try {
          op = session.experiments().swapIn(pid, eid, nsbed.user());
        } catch (LifecycleException ex) {
          // startexp -i is one request: refused, it leaves no experiment behind.
          session.engine.experiments().deleteIfPresent(pid, eid);
          throw new UserError(ex.getMessage() + "; experiment " + pid + "/" + eid + " was not created");
        }
      }
      if (!nsbed.quiet()) {
        System.out.println("experiment " + e.qualifiedName() + " created (swapped)");
      }
      if (op == null) {
        return Nsbed.EXIT_OK;
      }
      if (!await) {
        if (!nsbed.quiet()) {
          System.out.println("swap-in queued (" + op.id() + "); run `nsbed expinfo -e " + pid + "," + eid
              + "` or `nsbed swapexp -e " + pid + "," + eid + " in -w` style commands to run and follow it");
        }
        return Nsbed.EXIT_OK;
      }
      Operation done = session.follow(op, List.of(e.id()), List.of());
      return done.state() == Operation.State.DONE ? Nsbed.EXIT_OK : Nsbed.EXIT_FAILED;
    }
  }

  private int remote(Remote remote) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("pid", pid);
    body.put("eid", eid);
    body.put("description", description);
    body.put("nsFile", NsFiles.read(file));
    body.put("nsFileName", file.toString());
    body.put("swapIn", swapIn);
    body.put("maxDurationMinutes", maxDuration);
    body.put("idleSwapMinutes", idleSwap);
    JsonNode created = remote.api.post("/api/v1/experiments", body);
    for (JsonNode d : created.path("diagnostics")) {
      if (!nsbed.quiet()) {
        System.err.println(NsFiles.format(d));
      }
    }
    if (!nsbed.quiet()) {
      System.out.println("experiment " + pid + "/" + eid + " created (swapped)");
    }
    if (!created.hasNonNull("operation")) {
      return Nsbed.EXIT_OK;
    }
    return remote.finish(created.path("operation").asText(), await, new ExperimentRef(pid, eid));
  }
}
