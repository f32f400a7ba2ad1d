package org.nsbed.cli.experiment;

import java.util.List;
import org.nsbed.cli.Nsbed;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.lifecycle.Operation;

/** How experiment commands end: follow the operation (with -w) or say how it will run. */
final class Operations {
  private Operations() {}

  static int finish(SwapSession session, Operation op, boolean await, ExperimentRef ref) {
    if (!await) {
      if (!session.nsbed.quiet()) {
        // After an end there is no experiment for expinfo to show: the scheduler runs it and says how it went.
        String follow = op.kind() == Operation.Kind.END ? "`nsbed scheduler`"
            : "`nsbed expinfo -e " + ref.pid() + "," + ref.eid() + "`";
        System.out.println(op.kind().label() + " of " + ref + " queued (" + op.id() + "); it runs in the next nsbed "
            + "process that runs the scheduler, e.g. " + follow);
      }
      return Nsbed.EXIT_OK;
    }
    Experiment e = session.experiment(ref.pid(), ref.eid());
    Operation done = session.follow(op, List.of(e.id()), List.of());
    return done.state() == Operation.State.DONE ? Nsbed.EXIT_OK : Nsbed.EXIT_FAILED;
  }
}
