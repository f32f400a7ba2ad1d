package org.nsbed.server.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.nsbed.provisioner.experiment.ExperimentState;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentInfo;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentView;

/**
 * The experiment page's content, made from what {@code expinfo} shows: the experiment, its nodes,
 * the timeline of its swap-in and its log. Which buttons are offered follows the state; the
 * operations still decide.
 */
public record ExperimentModel(String pid, String eid, String state, String description, String swappedIn,
    Integer maxDurationMinutes, String lastOperation, String lastMessage, boolean busy, List<NodeRow> nodes,
    Timeline timeline, List<LogLine> log) {

  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  /** One line of the experiment's log. */
  public record LogLine(String at, String line) {}

  static ExperimentModel of(ExperimentView v) {
    ExperimentInfo e = v.experiment();
    List<NodeRow> nodes = v.nodes().stream().map(NodeRow::of).toList();
    return new ExperimentModel(e.pid(), e.eid(), e.state().label(), e.description(),
        e.swappedIn() == null ? null : TIME.format(e.swappedIn()), e.maxDurationMinutes(),
        ExperimentSummary.lastOperation(v.run()), v.run().message(), v.run().locked(), nodes, Timeline.of(nodes),
        v.log().stream().map(l -> new LogLine(TIME.format(l.at()), l.line())).toList());
  }

  public String href() {
    return "/experiments/" + pid + "/" + eid;
  }

  public boolean canSwapIn() {
    return !busy && state.equals(ExperimentState.SWAPPED.label());
  }

  public boolean canSwapOut() {
    return !busy && state.equals(ExperimentState.ACTIVE.label());
  }

  public boolean canTerminate() {
    return !busy && !state.equals(ExperimentState.ENDED.label());
  }

  public boolean active() {
    return state.equals(ExperimentState.ACTIVE.label());
  }
}
