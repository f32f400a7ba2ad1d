package org.nsbed.provisioner.experiment.lifecycle;

import java.time.Instant;
import org.nsbed.provisioner.experiment.ExperimentState;

/** What expinfo shows of the experiment itself: its columns without the NS file and its IR. */
public record ExperimentInfo(Long id, String pid, String eid, ExperimentState state, String description,
    String creator, Instant swappedIn, Integer maxDurationMinutes) {

  /** {@code pid/eid}. */
  public String qualifiedName() {
    return pid + "/" + eid;
  }
}
