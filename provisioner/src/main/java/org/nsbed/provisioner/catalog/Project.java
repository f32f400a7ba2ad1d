package org.nsbed.provisioner.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A project ({@code pid}): the unit that owns experiments, OSIDs and images and that users are
 * members of. {@code emulab-ops} holds the system images.
 */
@Entity
@Table(name = "projects")
public class Project {

  /** The project id, e.g. {@code testbed}; lower-case letters, digits and '-'. */
  @Id
  @Column(name = "pid", length = 48)
  private String pid;

  /** Free text. */
  @Column(name = "description", length = 255, nullable = false)
  private String description = "";

  /** When the project was first imported or created. */
  @Column(name = "created", nullable = false)
  private Instant created;

  protected Project() {}

  public Project(String pid) {
    this.pid = pid;
    this.created = Instant.now();
  }

  public String pid() {
    return pid;
  }

  public String description() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public Instant created() {
    return created;
  }

  @Override
  public String toString() {
    return pid;
  }
}
