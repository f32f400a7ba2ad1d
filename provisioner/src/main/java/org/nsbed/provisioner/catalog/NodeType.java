package org.nsbed.provisioner.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A hardware type (the reference's {@code node_types} row and its attributes).
 */
@Entity
@Table(name = "node_types")
public class NodeType {

  /** Type name, e.g. {@code pc850}. */
  @Id
  @Column(name = "name", length = 30)
  private String name;

  /** Class, e.g. {@code pc}; NS files may ask for a class instead of a type. */
  @Column(name = "node_class", length = 30, nullable = false)
  private String nodeClass;

  /** The OSID a node of this type runs when the NS file names none (and reloads to when freed). */
  @ManyToOne
  @JoinColumn(name = "default_osid")
  private Osid defaultOs;

  /** Experimental network interfaces per node. */
  @Column(name = "interfaces", nullable = false)
  private int interfaces;

  /** Disk size in GiB. */
  @Column(name = "disk_gib", nullable = false)
  private int diskGiB;

  /** Seconds the BIOS takes before the OS starts booting (part of the boot deadline). */
  @Column(name = "bios_wait_seconds", nullable = false)
  private int biosWaitSeconds;

  /** A remote (wide-area) node, far from the image server: create_image refuses it. */
  @Column(name = "remote", nullable = false)
  private boolean remote;

  /** A virtual node type. */
  @Column(name = "is_virtual", nullable = false)
  private boolean virtual;

  /** A sub-node hosted by another node. */
  @Column(name = "subnode", nullable = false)
  private boolean subnode;

  /** If non-empty, only these projects may use the type (the reference's nodetypeXpid_permissions). */
  @ManyToMany
  @JoinTable(name = "node_type_projects", joinColumns = @JoinColumn(name = "node_type"),
      inverseJoinColumns = @JoinColumn(name = "pid"))
  private Set<Project> allowedProjects = new LinkedHashSet<>();

  protected NodeType() {}

  public NodeType(String name, String nodeClass) {
    this.name = name;
    this.nodeClass = nodeClass;
  }

  public String name() {
    return name;
  }

  public String nodeClass() {
    return nodeClass;
  }

  public void setNodeClass(String nodeClass) {
    this.nodeClass = nodeClass;
  }

  public Osid defaultOs() {
    return defaultOs;
  }

  public void setDefaultOs(Osid defaultOs) {
    this.defaultOs = defaultOs;
  }

  public int interfaces() {
    return interfaces;
  }

  public void setInterfaces(int interfaces) {
    this.interfaces = interfaces;
  }

  public int diskGiB() {
    return diskGiB;
  }

  public void setDiskGiB(int diskGiB) {
    this.diskGiB = diskGiB;
  }

  public int biosWaitSeconds() {
    return biosWaitSeconds;
  }

  public void setBiosWaitSeconds(int biosWaitSeconds) {
    this.biosWaitSeconds = biosWaitSeconds;
  }

  public boolean remote() {
    return remote;
  }

  public void setRemote(boolean remote) {
    this.remote = remote;
  }

  public boolean virtual() {
    return virtual;
  }

  public void setVirtual(boolean virtual) {
    this.virtual = virtual;
  }

  public boolean subnode() {
    return subnode;
  }

  public void setSubnode(boolean subnode) {
    this.subnode = subnode;
  }

  public Set<Project> allowedProjects() {
    return allowedProjects;
  }

  /** True if {@code pid} may use this type. */
  public boolean permits(String pid) {
    return allowedProjects.isEmpty() || allowedProjects.stream().anyMatch(p -> p.pid().equals(pid));
  }

  @Override
  public String toString() {
    return name;
  }
}
