package org.nsbed.provisioner.catalog;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A user of the testbed and the projects they belong to. */
@Entity
@Table(name = "users")
public class User {

  /** Login name (what {@code --user} / {@code $USER} says). */
  @Id
  @Column(name = "name", length = 32)
  private String name;

  /** Testbed administrator: may create global images and act in every project. */
  @Column(name = "admin", nullable = false)
  private boolean admin;

  /** BCrypt hash of the web sign-in password; null until one is set. */
  @Column(name = "password_hash", length = 100)
  private String passwordHash;

  /** Project memberships with their roles. */
  @OneToMany(mappedBy = "user", cascade = CascadeType.ALL, orphanRemoval = true)
  private List<Membership> memberships = new ArrayList<>();

  protected User() {}

  public User(String name, boolean admin) {
    this.name = name;
    this.admin = admin;
  }

  public String name() {
    return name;
  }

  public boolean admin() {
    return admin;
  }

  public void setAdmin(boolean admin) {
    this.admin = admin;
  }

  public String passwordHash() {
    return passwordHash;
  }

  public void setPasswordHash(String passwordHash) {
    this.passwordHash = passwordHash;
  }

  public List<Membership> memberships() {
    return memberships;
  }

  /** The user's role in {@code pid}, if a member. */
  public Optional<Role> roleIn(String pid) {
    return memberships.stream().filter(m -> m.project().pid().equals(pid)).map(Membership::role).findFirst();
  }

  /** True if the user may act in the project (a member, or a testbed admin). */
  public boolean mayActIn(String pid) {
    return admin || roleIn(pid).isPresent();
  }

  /** Sets (or adds) the user's role in a project. */
  public void setRole(Project project, Role role) {
    for (Membership m : memberships) {
      if (m.project().pid().equals(project.pid())) {
        m.setRole(role);
        return;
      }
    }
    memberships.add(new Membership(this, project, role));
  }

  @Override
  public String toString() {
    return name;
  }
}
