package org.nsbed.provisioner.experiment.lifecycle;

import java.util.List;
import org.nsbed.provisioner.experiment.Experiment;

/**
 * Writes the message about an experiment operation's outcome; {@link ExperimentStore} stores it
 * in the transaction that records the outcome, so it is sent once that commits.
 */
@FunctionalInterface
public interface OutcomeMessage {
  /** @param rows the experiment's node rows as the outcome leaves them */
  OutboxMessage compose(Operation op, Experiment experiment, List<ExperimentNode> rows);
}
