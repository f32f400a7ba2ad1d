package org.nsbed.provisioner.experiment.lifecycle;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A long operation (swap-in, swap-out, os_load, create_image, reboot) run as a persistent job.
 * Commands wait on its row, so whichever nsbed process runs the job, the waiting command sees
 * the outcome.
 */
@Entity
@Table(name = "operations")
public class Operation {

  /** Kinds of operation. */
  public enum Kind {
    SWAPIN,
    SWAPOUT,
    MODIFY,
    END,
    OSLOAD,
    CREATEIMAGE,
    REBOOT,
    RELOAD;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Where it stands. */
  public enum State {
    QUEUED,
    RUNNING,
    DONE,
    FAILED;

    public boolean finished() {
      return this == DONE || this == FAILED;
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Id
  @Column(name = "id", length = 64)
  private String id;

  @Enumerated(EnumType.STRING)
  @Column(name = "kind", length = 16, nullable = false)
  private Kind kind;

  /** The experiment it concerns, if any. */
  @Column(name = "experiment_id")
  private Long experimentId;

  @Column(name = "requested_by", length = 32, nullable = false)
  private String requestedBy;

  @Enumerated(EnumType.STRING)
  @Column(name = "state", length = 16, nullable = false)
  private State state = State.QUEUED;

  /** Nodes that failed (os_load's exit status). */
  @Column(name = "failed_nodes", nullable = false)
  private int failedNodes;

  /** The outcome in words. */
  @Column(name = "message", length = 4000)
  private String message;

  @Column(name = "created", nullable = false)
  private Instant created;

  @Column(name = "finished")
  private Instant finished;

  protected Operation() {}

  public Operation(Kind kind, Long experimentId, String requestedBy) {
    this.id = kind.label() + "-" + UUID.randomUUID();
    this.kind = kind;
    this.experimentId = experimentId;
    this.requestedBy = requestedBy;
    this.created = Instant.now();
  }

  public String id() {
    return id;
  }

  public Kind kind() {
    return kind;
  }

  public Long experimentId() {
    return experimentId;
  }

  public String requestedBy() {
    return requestedBy;
  }

  public State state() {
    return state;
  }

  public int failedNodes() {
    return failedNodes;
  }

  public String message() {
    return message;
  }

  public Instant created() {
    return created;
  }

  public Instant finished() {
    return finished;
  }

  public void start() {
    this.state = State.RUNNING;
  }

  /** Ends the operation. */
  public void finish(boolean ok, int failedNodes, String message) {
    this.state = ok ? State.DONE : State.FAILED;
    this.failedNodes = failedNodes;
    this.message = message == null ? null : message.length() > 4000 ? message.substring(0, 3997) + "..." : message;
    this.finished = Instant.now();
  }
}
