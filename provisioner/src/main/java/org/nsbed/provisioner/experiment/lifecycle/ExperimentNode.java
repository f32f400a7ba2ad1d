package org.nsbed.provisioner.experiment.lifecycle;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.DynamicUpdate;

/**
 * One virtual node of an experiment during and after its swap-in: the physical node it got, the
 * OS and image loaded, and how far its load and boot went. Kept after a swap-out so that
 * {@code expinfo} can still say what happened last.
 */
@Entity
@Table(name = "experiment_nodes")
// Progress writes and timing writes come from different transactions: update only changed columns.
@DynamicUpdate
public class ExperimentNode {

  /** (experiment id, virtual node name). */
  @Embeddable
  public static class Key implements Serializable {
    @Column(name = "experiment_id")
    private Long experimentId;

    @Column(name = "vname", length = 64)
    private String vname;

    protected Key() {}

    public Key(Long experimentId, String vname) {
      this.experimentId = experimentId;
      this.vname = vname;
    }

    public Long experimentId() {
      return experimentId;
    }

    public String vname() {
      return vname;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Objects.equals(experimentId, k.experimentId) && Objects.equals(vname, k.vname);
    }

    @Override
    public int hashCode() {
      return Objects.hash(experimentId, vname);
    }
  }

  @EmbeddedId
  private Key key;

  /** The physical node; null before mapping or after release. */
  @Column(name = "physical", length = 32)
  private String physical;

  /** The physical node's type. */
  @Column(name = "node_type", length = 30)
  private String nodeType;

  /** The OSID booted ({@code pid/name}). */
  @Column(name = "osid", length = 100)
  private String osid;

  /** The Image ID loaded ({@code pid/name}). */
  @Column(name = "image", length = 100)
  private String image;

  @Enumerated(EnumType.STRING)
  @Column(name = "failure_action", length = 16, nullable = false)
  private FailureAction failureAction = FailureAction.FATAL;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", length = 16, nullable = false)
  private NodeStatus status = NodeStatus.RESERVED;

  /** Why the node failed; null unless failed. */
  @Column(name = "reason", length = 2000)
  private String reason;

  /** Disk bytes written by the current load. */
  @Column(name = "bytes_done", nullable = false)
  private long bytesDone;

  /** Disk bytes the current load writes. */
  @Column(name = "bytes_total", nullable = false)
  private long bytesTotal;

  /** How long the load took (power cycle to image on disk). */
  @Column(name = "load_ms")
  private Long loadMs;

  /** How long the boot took (image on disk to OS up). */
  @Column(name = "boot_ms")
  private Long bootMs;

  /** The load was skipped: the disk already held the image, unchanged since it was loaded. */
  @Column(name = "load_skipped", nullable = false)
  private boolean loadSkipped;

  @Column(name = "updated", nullable = false)
  private Instant updated;

  protected ExperimentNode() {}

  public ExperimentNode(Long experimentId, String vname, FailureAction failureAction) {
    this.key = new Key(experimentId, vname);
    this.failureAction = failureAction;
    this.updated = Instant.now();
  }

  public Long experimentId() {
    return key.experimentId();
  }

  public String vname() {
    return key.vname();
  }

  public String physical() {
    return physical;
  }

  public String nodeType() {
    return nodeType;
  }

  public String osid() {
    return osid;
  }

  public String image() {
    return image;
  }

  public FailureAction failureAction() {
    return failureAction;
  }

  public void setFailureAction(FailureAction failureAction) {
    this.failureAction = failureAction;
  }

  public NodeStatus status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  public long bytesDone() {
    return bytesDone;
  }

  public long bytesTotal() {
    return bytesTotal;
  }

  public Long loadMs() {
    return loadMs;
  }

  public Long bootMs() {
    return bootMs;
  }

  public Instant updated() {
    return updated;
  }

  /** Records the physical node and what will be loaded onto it; status back to reserved. */
  public void assign(String physical, String nodeType, String osid, String image) {
    this.physical = physical;
    this.nodeType = nodeType;
    this.osid = osid;
    this.image = image;
    this.status = NodeStatus.RESERVED;
    this.reason = null;
    this.bytesDone = 0;
    this.bytesTotal = 0;
    this.loadMs = null;
    this.bootMs = null;
    this.loadSkipped = false;
    this.updated = Instant.now();
  }

  /** True if the last swap-in found the image on the disk already and did not load it. */
  public boolean loadSkipped() {
    return loadSkipped;
  }

  /** Marks the load as skipped because the disk already held the image. */
  public void skipLoad() {
    this.loadSkipped = true;
  }

  /** Records progress: a new status, bytes loaded, and (when failed) the reason. */
  public void progress(NodeStatus status, long bytesDone, long bytesTotal, String reason) {
    this.status = status;
    this.bytesDone = bytesDone;
    this.bytesTotal = bytesTotal;
    this.reason = failureReason(status, reason);
    this.updated = Instant.now();
  }

  /** The reason stored with {@code status}: only a failure keeps one, cut to the column's 2000 characters. */
  static String failureReason(NodeStatus status, String reason) {
    return status != NodeStatus.FAILED || reason == null ? null
        : reason.length() > 2000 ? reason.substring(0, 1997) + "..." : reason;
  }

  /**
   * Puts back what the node held before a load that did not succeed: the recorded OS and image
   * change only when a load of the new image succeeded.
   */
  public void restore(String osid, String image, NodeStatus status, String reason) {
    this.osid = osid;
    this.image = image;
    this.status = status;
    this.reason = reason;
    this.updated = Instant.now();
  }

  /** Records the load and boot durations. */
  public void timings(Long loadMs, Long bootMs) {
    this.loadMs = loadMs;
    this.bootMs = bootMs;
  }
}
