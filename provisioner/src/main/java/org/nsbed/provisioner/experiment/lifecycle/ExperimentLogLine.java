package org.nsbed.provisioner.experiment.lifecycle;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of an experiment's log (progress milestones, failures, notifications). */
@Entity
@Table(name = "experiment_log")
public class ExperimentLogLine {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  @Column(name = "experiment_id", nullable = false)
  private Long experimentId;

  @Column(name = "at", nullable = false)
  private Instant at;

  @Column(name = "line", length = 4000, nullable = false)
  private String line;

  protected ExperimentLogLine() {}

  public ExperimentLogLine(Long experimentId, String line) {
    this.experimentId = experimentId;
    this.at = Instant.now();
    this.line = line.length() > 4000 ? line.substring(0, 3997) + "..." : line;
  }

  public Long id() {
    return id;
  }

  public Long experimentId() {
    return experimentId;
  }

  public Instant at() {
    return at;
  }

  public String line() {
    return line;
  }
}
