package org.nsbed.provisioner.experiment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.Length;
import org.nsbed.provisioner.catalog.Project;
import org.nsbed.provisioner.catalog.User;

/**
 * An experiment (the reference's {@code experiments}): an NS file of a project, its parsed form,
 * and where it is in its lifecycle. Unique by (project, eid).
 */
@Entity
@Table(name = "experiments", uniqueConstraints = @UniqueConstraint(columnNames = {"pid", "eid"}))
public class Experiment {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  /** Owning project. */
  @ManyToOne(optional = false)
  @JoinColumn(name = "pid")
  private Project project;

  /** Experiment id, unique within the project. */
  @Column(name = "eid", length = 64, nullable = false)
  private String eid;

  /** The user who created it. */
  @ManyToOne(optional = false)
  @JoinColumn(name = "creator")
  private User creator;

  /** Free text ({@code startexp -E}). */
  @Column(name = "description", length = 255, nullable = false)
  private String description = "";

  /** The NS file's text as submitted. */
  @Lob
  @Column(name = "ns_file", length = Length.LONG32, nullable = false)
  private String nsFile;

  /**
   * The parsed experiment, as the IR JSON of {@code nsbed parse --json} (docs/interfaces.md, "The
   * IR document").
   */
  @Lob
  @Column(name = "ir_json", length = Length.LONG32, nullable = false)
  private String irJson;

  /** Lifecycle state. */
  @Enumerated(EnumType.STRING)
  @Column(name = "state", length = 16, nullable = false)
  private ExperimentState state = ExperimentState.NEW;

  /** When the experiment was created. */
  @Column(name = "created", nullable = false)
  private Instant created;

  /** When {@link #state} last changed. */
  @Column(name = "state_changed", nullable = false)
  private Instant stateChanged;

  /** When the last swap-in completed (became active); null if never. */
  @Column(name = "swapped_in")
  private Instant swappedIn;

  /** When the last swap-out completed; null if never. */
  @Column(name = "swapped_out")
  private Instant swappedOut;

  /** Swap out automatically after this many minutes active ({@code startexp -a}); null = never. */
  @Column(name = "max_duration_minutes")
  private Integer maxDurationMinutes;

  /** Swap out after this many idle minutes ({@code startexp -l}); null = never. */
  @Column(name = "idle_swap_minutes")
  private Integer idleSwapMinutes;

  /** Optimistic lock: concurrent state changes of one experiment cannot both commit. */
  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected Experiment() {}

  public Experiment(Project project, String eid, User creator, String nsFile, String irJson) {
    this.project = project;
    this.eid = eid;
    this.creator = creator;
    this.nsFile = nsFile;
    this.irJson = irJson;
    this.created = Instant.now();
    this.stateChanged = created;
  }

  public Long id() {
    return id;
  }

  public Project project() {
    return project;
  }

  public String eid() {
    return eid;
  }

  /** {@code pid/eid}. */
  public String qualifiedName() {
    return project.pid() + "/" + eid;
  }

  public User creator() {
    return creator;
  }

  public String description() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String nsFile() {
    return nsFile;
  }

  public String irJson() {
    return irJson;
  }

  /** Replaces the NS file and its parsed form ({@code modexp}). */
  public void setNsFile(String nsFile, String irJson) {
    this.nsFile = nsFile;
    this.irJson = irJson;
  }

  public ExperimentState state() {
    return state;
  }

  /** Moves to {@code next}, stamping the time (and the swap-in/out time where it applies). */
  public void setState(ExperimentState next) {
    Instant now = Instant.now();
    if (next == ExperimentState.ACTIVE && state == ExperimentState.ACTIVATING) {
      swappedIn = now;
    }
    if (next == ExperimentState.SWAPPED && state == ExperimentState.SWAPPING) {
      swappedOut = now;
    }
    state = next;
    stateChanged = now;
  }

  public Instant created() {
    return created;
  }

  public Instant stateChanged() {
    return stateChanged;
  }

  public Instant swappedIn() {
    return swappedIn;
  }

  public Instant swappedOut() {
    return swappedOut;
  }

  public Integer maxDurationMinutes() {
    return maxDurationMinutes;
  }

  public void setMaxDurationMinutes(Integer maxDurationMinutes) {
    this.maxDurationMinutes = maxDurationMinutes;
  }

  public Integer idleSwapMinutes() {
    return idleSwapMinutes;
  }

  public void setIdleSwapMinutes(Integer idleSwapMinutes) {
    this.idleSwapMinutes = idleSwapMinutes;
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}
