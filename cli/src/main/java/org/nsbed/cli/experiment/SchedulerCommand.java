package org.nsbed.cli.experiment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code nsbed scheduler}: runs queued operations (swap-ins, create_image, ...) in this process:
 * until none is due (default), or for ever with {@code --serve} (also firing automatic swap-outs).
 */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
    description = {"Run the queued operations (swap-ins and -outs, os_load, create_image, reboots) in this process.",
        "Ends when nothing is running or due; --serve keeps running (automatic swap-outs fire then too)."})
public final class SchedulerCommand implements Callable<Integer> {
  @ParentCommand
  Nsbed nsbed;

  @Option(names = "--serve", description = "Keep running until killed.")
  boolean serve;

  @Override
  public Integer call() throws InterruptedException {
    Instant started = Instant.now();
    try (SwapSession session = SwapSession.open(nsbed)) {
      session.runScheduler();
      if (serve) {
        Thread.sleep(Long.MAX_VALUE);
      }
      // Let the scheduler pick up what is due, then wait until nothing runs or is due.
      Thread.sleep(1500);
      while (busy(session)) {
        Thread.sleep(250);
      }
      if (!nsbed.quiet()) {
        List<Operation> ran = session.engine.experiments().finishedSince(started);
        for (Operation o : ran) {
          System.out.println(o.kind().label() + " " + o.id() + ": " + (o.state() == Operation.State.DONE ? "done: "
              : "FAILED: ") + o.message());
        }
        System.out.println(ran.isEmpty() ? "no operation running or due"
            : "ran " + ran.size() + " operation(s); no other operation running or due");
      }
      return Nsbed.EXIT_OK;
    }
  }

  private static boolean busy(SwapSession session) {
    List<Operation> open = session.engine.experiments().unfinishedOperations();
    Instant soon = Instant.now().plus(Duration.ofSeconds(2));
    return open.stream().anyMatch(o -> o.state() == Operation.State.RUNNING
        || session.engine.nextFire(o.id()).map(t -> t.isBefore(soon)).orElse(session.engine.jobExists(o.id())));
  }
}
