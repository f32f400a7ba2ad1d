package org.nsbed.provisioner.experiment.lifecycle;

import java.util.List;

/**
 * What {@code expinfo} shows of an experiment: the experiment, its last (or current) run, its
 * nodes and the most recent lines of its log, read in one transaction after the caller's access
 * to the project was checked. Plain values: nothing in it is attached to a session.
 */
public record ExperimentView(ExperimentInfo experiment, ExperimentRun run, List<ExperimentNode> nodes,
    List<ExperimentLogLine> log) {}
