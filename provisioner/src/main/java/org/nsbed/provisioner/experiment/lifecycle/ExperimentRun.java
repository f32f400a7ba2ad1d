package org.nsbed.provisioner.experiment.lifecycle;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An experiment's lock and the bookkeeping of its last swap operation. While {@link #operation()}
 * is set the experiment is locked: a second swapexp/modexp/endexp is refused.
 */
@Entity
@Table(name = "experiment_runs")
public class ExperimentRun {

  @Id
  @Column(name = "experiment_id")
  private Long experimentId;

  /** The operation holding the lock (swapin, swapout, modify, end); null when unlocked. */
  @Column(name = "operation", length = 16)
  private String operation;

  /** The {@link Operation} holding the lock. */
  @Column(name = "operation_id", length = 64)
  private String operationId;

  @Column(name = "locked_since")
  private Instant lockedSince;

  /** Swap-in attempt (1 = first, up to 3 with the two fatal-failure retries). */
  @Column(name = "attempt", nullable = false)
  private int attempt;

  /** How the last operation ended: ok, failed. */
  @Column(name = "result", length = 16)
  private String result;

  /** What the last operation said (the failure summary, or a success line). */
  @Column(name = "message", length = 4000)
  private String message;

  @Column(name = "started")
  private Instant started;

  @Column(name = "finished")
  private Instant finished;

  /** Wall time of the last swap-in. */
  @Column(name = "total_ms")
  private Long totalMs;

  /** Load time of the node that came up last (its power cycle to its image on disk). */
  @Column(name = "load_ms")
  private Long loadMs;

  /** Boot time of the node that came up last (its image on disk to its OS up). */
  @Column(name = "boot_ms")
  private Long bootMs;

  protected ExperimentRun() {}

  public ExperimentRun(Long experimentId) {
    this.experimentId = experimentId;
  }

  public Long experimentId() {
    return experimentId;
  }

  public String operation() {
    return operation;
  }

  public String operationId() {
    return operationId;
  }

  public Instant lockedSince() {
    return lockedSince;
  }

  public boolean locked() {
    return operation != null;
  }

  /** Takes the lock for {@code op}; the caller has checked {@link #locked()}. */
  public void lock(Operation op) {
    this.operation = op.kind().label();
    this.operationId = op.id();
    this.lockedSince = Instant.now();
    this.started = lockedSince;
    this.finished = null;
    this.result = null;
    this.message = null;
  }

  /** Releases the lock, recording how the operation ended. */
  public void unlock(String result, String message) {
    this.operation = null;
    this.operationId = null;
    this.lockedSince = null;
    this.result = result;
    this.message = message == null ? null : message.length() > 4000 ? message.substring(0, 3997) + "..." : message;
    this.finished = Instant.now();
  }

  public int attempt() {
    return attempt;
  }

  public void setAttempt(int attempt) {
    this.attempt = attempt;
  }

  public String result() {
    return result;
  }

  public String message() {
    return message;
  }

  public Instant started() {
    return started;
  }

  public Instant finished() {
    return finished;
  }

  public Long totalMs() {
    return totalMs;
  }

  public Long loadMs() {
    return loadMs;
  }

  public Long bootMs() {
    return bootMs;
  }

  /** Records the timings of a swap-in. */
  public void timings(long totalMs, Long loadMs, Long bootMs) {
    this.totalMs = totalMs;
    this.loadMs = loadMs;
    this.bootMs = bootMs;
  }
}
