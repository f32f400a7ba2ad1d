package org.nsbed.cli.experiment;

import java.nio.file.Path;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nsbed modexp [-w] -e PID,EID FILE}: replace an experiment's NS file. */
@Command(name = "modexp", mixinStandardHelpOptions = true,
    description = {"Replace an experiment's NS file. A swapped experiment just takes the new file; an active one is "
        + "re-mapped: virtual nodes that stay keep their physical node, new ones are loaded, removed ones released.",
        "A file with errors changes nothing."})
public final class ModexpCommand implements Callable<Integer> {
  @ParentCommand
  Nsbed nsbed;

  @Option(names = "-e", required = true, paramLabel = "PID,EID", description = "The experiment.")
  String experiment;

  @Option(names = "-w", description = "Wait for the re-mapping to finish.")
  boolean await;

  @Parameters(index = "0", paramLabel = "FILE", description = "The new NS file.")
  Path file;

  @Override
  public Integer call() {
    ExperimentRef ref = ExperimentRef.parse(experiment);
    Optional<Remote> remote = Remote.of(nsbed);
    if (remote.isPresent()) {
      JsonNode answer = remote.get().api.put(Remote.path(ref) + "/nsfile", NsFiles.read(file));
      if (!answer.hasNonNull("operation")) {
        if (!nsbed.quiet()) {
          System.out.println("NS file of " + ref + " replaced");
        }
        return Nsbed.EXIT_OK;
      }
      return remote.get().finish(answer.path("operation").asText(), await, ref);
    }
    try (SwapSession session = SwapSession.open(nsbed)) {
      NsFiles.Parsed parsed = NsFiles.parse(session, file, ref.pid(), ref.eid());
      Operation op;
      try {
        op = session.experiments().modify(ref.pid(), ref.eid(), nsbed.user(), parsed.text(), parsed.irJson());
      } catch (LifecycleException e) {
        throw new UserError(e.getMessage());
      }
      if (op == null) {
        if (!nsbed.quiet()) {
          System.out.println("NS file of " + ref + " replaced");
        }
        return Nsbed.EXIT_OK;
      }
      return Operations.finish(session, op, await, ref);
    }
  }
}
