package org.nsbed.provisioner.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.nsbed.provisioner.experiment.Experiment;

/**
 * A physical node of the inventory and its current reservation (the reference's {@code nodes}
 * plus {@code reserved} row). A node is free when it has no experiment.
 */
@Entity
@Table(name = "nodes")
public class Node {

  /** Node name, e.g. {@code pc7}. */
  @Id
  @Column(name = "name", length = 32)
  private String name;

  /** Hardware type. */
  @ManyToOne(optional = false)
  @JoinColumn(name = "node_type")
  private NodeType type;

  /** free, reserved or down. */
  @Enumerated(EnumType.STRING)
  @Column(name = "state", length = 16, nullable = false)
  private Allocation state = Allocation.FREE;

  /** The experiment holding the node; null when free. */
  @ManyToOne
  @JoinColumn(name = "experiment_id")
  private Experiment experiment;

  /** The virtual node name within the experiment that this node plays; null when free. */
  @Column(name = "vname", length = 64)
  private String vname;

  /** Why an admin took the node down ({@code nsbed node down --reason}); null otherwise. */
  @Column(name = "down_reason", length = 2000)
  private String downReason;

  /** The Image ID ({@code pid/name}) last loaded onto the disk; null when unknown. */
  @Column(name = "disk_image", length = 100)
  private String diskImage;

  /** The SHA-256 of that image's file when it was loaded. */
  @Column(name = "disk_sha256", length = 64)
  private String diskSha256;

  /** The disk is unchanged since that load (no writable OS has booted from it). */
  @Column(name = "disk_clean", nullable = false)
  private boolean diskClean;

  /** When {@link #state} last changed. */
  @Column(name = "state_changed", nullable = false)
  private Instant stateChanged;

  /** Optimistic lock: two reservations of the same node cannot both commit. */
  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected Node() {}

  public Node(String name, NodeType type) {
    this.name = name;
    this.type = type;
    this.stateChanged = Instant.now();
  }

  public String name() {
    return name;
  }

  public NodeType type() {
    return type;
  }

  public void setType(NodeType type) {
    this.type = type;
  }

  public Allocation state() {
    return state;
  }

  public Experiment experiment() {
    return experiment;
  }

  public String vname() {
    return vname;
  }

  /** Why the node is down; null when it is not down or no reason was given. */
  public String downReason() {
    return downReason;
  }

  public Instant stateChanged() {
    return stateChanged;
  }

  /**
   * A remote (wide-area) node, far from the image server: its type says so, or its name begins
   * with {@code b} (the reference's Berkeley nodes). Swap-in takes one only when asked, and
   * {@code create_image} never images from one.
   */
  public boolean remote() {
    return type.remote() || name.startsWith("b");
  }

  /**
   * Records a load of {@code image} (file hash {@code sha256}) onto the disk; {@code clean} false
   * when the node then booted it (a writable OS changes its disk), true when it did not.
   */
  public void diskLoaded(String image, String sha256, boolean clean) {
    this.diskImage = image;
    this.diskSha256 = sha256;
    this.diskClean = clean && sha256 != null;
  }

  /** Records that the disk may have changed (it was booted, or a load of it failed part way). */
  public void diskWritten() {
    this.diskClean = false;
  }

  /** Records that what the disk holds is not known (a failed load). */
  public void diskUnknown() {
    this.diskImage = null;
    this.diskSha256 = null;
    this.diskClean = false;
  }

  /** True if the disk provably holds {@code image} as loaded from a file with {@code sha256}, unchanged since. */
  public boolean diskHolds(String image, String sha256) {
    return diskClean && sha256 != null && sha256.equals(diskSha256) && image.equals(diskImage);
  }

  /** The image the disk holds unchanged since its load ({@code pid/name@sha256}), else null. */
  public String cleanDiskImage() {
    return diskClean && diskImage != null ? diskImage + "@" + diskSha256 : null;
  }

  /** Gives the node to an experiment as virtual node {@code vname}. */
  public void reserve(Experiment experiment, String vname) {
    if (state != Allocation.FREE) {
      throw new IllegalStateException("node " + name + " is " + state.label() + ", not free");
    }
    this.experiment = experiment;
    this.vname = vname;
    setState(Allocation.RESERVED);
  }

  /** Releases the node from its experiment (a down node stays down). */
  public void release() {
    this.experiment = null;
    this.vname = null;
    if (state == Allocation.RESERVED) {
      setState(Allocation.FREE);
    }
  }

  /** Takes the node out of service (releasing any reservation) or, with false, returns it. */
  public void setDown(boolean down) {
    if (down) {
      experiment = null;
      vname = null;
      setState(Allocation.DOWN);
    } else if (state == Allocation.DOWN) {
      downReason = null;
      setState(Allocation.FREE);
    }
  }

  /** Takes the node out of service, recording why (shown by {@code nsbed node list}). */
  public void setDown(String reason) {
    setDown(true);
    downReason = reason;
  }

  private void setState(Allocation next) {
    state = next;
    stateChanged = Instant.now();
  }

  @Override
  public String toString() {
    return name;
  }
}
