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
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An Image ID: the descriptor of one disk image file (the reference's {@code images}). It says
 * where the file is, whether it is a whole-disk or single-partition image, which OSID is on each
 * partition, which OSID boots after loading, and which node types it runs on. Unique by (project,
 * name).
 */
@Entity
@Table(name = "image_ids", uniqueConstraints = @UniqueConstraint(columnNames = {"pid", "name"}))
public class ImageId {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  /** Owning project. */
  @ManyToOne(optional = false)
  @JoinColumn(name = "pid")
  private Project project;

  /** Image name, unique within the project. */
  @Column(name = "name", length = 30, nullable = false)
  private String name;

  /** Free text. */
  @Column(name = "description", length = 255, nullable = false)
  private String description = "";

  /** The image file as a testbed path, {@code /proj/<pid>/images/<file>}. */
  @Column(name = "path", length = 255, nullable = false)
  private String path;

  /** 0 = whole-disk image (MBR included); 1..4 = image of that single partition. */
  @Column(name = "load_partition", nullable = false)
  private int loadPartition;

  /** Which OSID is on which partition (1..4); several entries make a combo image. */
  @ManyToMany
  @JoinTable(name = "image_partitions", joinColumns = @JoinColumn(name = "image_id"),
      inverseJoinColumns = @JoinColumn(name = "osid"))
  @MapKeyColumn(name = "partition_no")
  private Map<Integer, Osid> partitions = new TreeMap<>();

  /** The OSID booted after the image is loaded. */
  @ManyToOne
  @JoinColumn(name = "default_osid")
  private Osid defaultOs;

  /** Node types the image runs on (it has drivers for them). */
  @ManyToMany
  @JoinTable(name = "image_node_types", joinColumns = @JoinColumn(name = "image_id"),
      inverseJoinColumns = @JoinColumn(name = "node_type"))
  @OrderBy("name")
  private Set<NodeType> nodeTypes = new LinkedHashSet<>();

  /** Usable by every project (only admins may set it). */
  @Column(name = "global_image", nullable = false)
  private boolean global;

  /** Usable by all groups of the owning project. */
  @Column(name = "shared", nullable = false)
  private boolean shared;

  /** Who created the descriptor. */
  @Column(name = "creator", length = 32, nullable = false)
  private String creator = "";

  /** When the descriptor was created. */
  @Column(name = "created", nullable = false)
  private Instant created;

  /** When the descriptor or its file last changed. */
  @Column(name = "updated", nullable = false)
  private Instant updated;

  /** Size of the image file in bytes; null until the file exists. */
  @Column(name = "size_bytes")
  private Long sizeBytes;

  /** SHA-256 of the image file (hex); null until the file exists. */
  @Column(name = "sha256", length = 64)
  private String sha256;

  protected ImageId() {}

  public ImageId(Project project, String name, String path) {
    this.project = project;
    this.name = name;
    this.path = path;
    this.created = Instant.now();
    this.updated = created;
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

  public String description() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String path() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public int loadPartition() {
    return loadPartition;
  }

  public void setLoadPartition(int loadPartition) {
    this.loadPartition = loadPartition;
  }

  /** True for a whole-disk image. */
  public boolean wholeDisk() {
    return loadPartition == 0;
  }

  public Map<Integer, Osid> partitions() {
    return partitions;
  }

  public Osid defaultOs() {
    return defaultOs;
  }

  public void setDefaultOs(Osid defaultOs) {
    this.defaultOs = defaultOs;
  }

  public Set<NodeType> nodeTypes() {
    return nodeTypes;
  }

  public boolean global() {
    return global;
  }

  public void setGlobal(boolean global) {
    this.global = global;
  }

  public boolean shared() {
    return shared;
  }

  public void setShared(boolean shared) {
    this.shared = shared;
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

  public Instant updated() {
    return updated;
  }

  public void touch() {
    this.updated = Instant.now();
  }

  public Long sizeBytes() {
    return sizeBytes;
  }

  public String sha256() {
    return sha256;
  }

  /** Records the image file's size and hash (after a capture or an import). */
  public void setFile(long sizeBytes, String sha256) {
    this.sizeBytes = sizeBytes;
    this.sha256 = sha256;
    touch();
  }

  /** True if {@code pid} may use the image: global, or the project's own. */
  public boolean usableBy(String pid) {
    return global || project.pid().equals(pid);
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}
