package org.nsbed.provisioner.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An OS descriptor, "OSID" (the reference's {@code os_info}): one OS that a partition of an image
 * holds. Unique by (project, name); users write {@code NAME} or {@code pid/NAME}.
 */
@Entity
@Table(name = "osids", uniqueConstraints = @UniqueConstraint(columnNames = {"pid", "name"}))
public class Osid {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  /** Owning project. */
  @ManyToOne(optional = false)
  @JoinColumn(name = "pid")
  private Project project;

  /** OSID name, unique within the project. */
  @Column(name = "name", length = 30, nullable = false)
  private String name;

  /** OS family: FreeBSD, Linux, Fedora, NetBSD, Windows, TinyOS, OSKit, Other, Unknown. */
  @Column(name = "os", length = 16, nullable = false)
  private String os;

  /** OS version; empty for a generic OSID that resolves through {@link #nextOsid}. */
  @Column(name = "os_version", length = 32, nullable = false)
  private String version = "";

  /** Comma-separated features (ping, ssh, isup, ...): how the boot monitor knows the node is alive. */
  @Column(name = "features", length = 255, nullable = false)
  private String features = "";

  /** Boot state machine: NORMALv2, NORMAL, MINIMAL, ALWAYSUP. */
  @Column(name = "op_mode", length = 16, nullable = false)
  private String opMode = "NORMALv2";

  /** Seconds a boot of this OS may take. */
  @Column(name = "reboot_wait_seconds", nullable = false)
  private int rebootWaitSeconds;

  /** Usable by every project ("global OSID"). */
  @Column(name = "shared", nullable = false)
  private boolean shared;

  /** For a generic OSID: the concrete OSID it stands for. */
  @ManyToOne
  @JoinColumn(name = "next_osid")
  private Osid nextOsid;

  /** For a sub-OS (jail, VM): the OSIDs it may run on (the reference's os_submap). */
  @ManyToMany
  @JoinTable(name = "osid_parents", joinColumns = @JoinColumn(name = "osid"),
      inverseJoinColumns = @JoinColumn(name = "parent_osid"))
  private Set<Osid> parents = new LinkedHashSet<>();

  /** Cap on nodes running the OS at once (licences); 0 = no cap. */
  @Column(name = "max_concurrent", nullable = false)
  private int maxConcurrent;

  /** Free text. */
  @Column(name = "description", length = 255, nullable = false)
  private String description = "";

  /** Who created the descriptor (the importing user for testbed files). */
  @Column(name = "creator", length = 32, nullable = false)
  private String creator = "";

  /** When the descriptor was created. */
  @Column(name = "created", nullable = false)
  private Instant created;

  protected Osid() {}

  public Osid(Project project, String name, String os) {
    this.project = project;
    this.name = name;
    this.os = os;
    this.created = Instant.now();
  }

  public Long id() {
    return id;
  }

  public Project project() {
    return project;
  }

  public String name() {
    return name;
  }

  /** {@code pid/name}. */
  public String qualifiedName() {
    return project.pid() + "/" + name;
  }

  public String os() {
    return os;
  }

  public void setOs(String os) {
    this.os = os;
  }

  public String version() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  /** True if the OSID has no version and stands for another one. */
  public boolean generic() {
    return version.isEmpty();
  }

  public List<String> features() {
    return features.isEmpty() ? List.of() : Arrays.asList(features.split(","));
  }

  public void setFeatures(List<String> features) {
    this.features = String.join(",", features);
  }

  public String opMode() {
    return opMode;
  }

  public void setOpMode(String opMode) {
    this.opMode = opMode;
  }

  public int rebootWaitSeconds() {
    return rebootWaitSeconds;
  }

  public void setRebootWaitSeconds(int rebootWaitSeconds) {
    this.rebootWaitSeconds = rebootWaitSeconds;
  }

  public boolean shared() {
    return shared;
  }

  public void setShared(boolean shared) {
    this.shared = shared;
  }

  public Osid nextOsid() {
    return nextOsid;
  }

  public void setNextOsid(Osid nextOsid) {
    this.nextOsid = nextOsid;
  }

  public Set<Osid> parents() {
    return parents;
  }

  public int maxConcurrent() {
    return maxConcurrent;
  }

  public void setMaxConcurrent(int maxConcurrent) {
    this.maxConcurrent = maxConcurrent;
  }

  public String description() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String creator() {
    return creator;
  }

  public void setCreator(String creator) {
    this.creator = creator;
  }

  public Instant created() {
    return created;
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}
