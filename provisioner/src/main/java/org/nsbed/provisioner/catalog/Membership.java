package org.nsbed.provisioner.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** A user's membership of one project, with a role. */
@Entity
@Table(name = "memberships", uniqueConstraints = @UniqueConstraint(columnNames = {"user_name", "pid"}))
public class Membership {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  private Long id;

  /** The member. */
  @ManyToOne(optional = false)
  @JoinColumn(name = "user_name")
  private User user;

  /** The project. */
  @ManyToOne(optional = false)
  @JoinColumn(name = "pid")
  private Project project;

  /** What the member may do in the project. */
  @Enumerated(EnumType.STRING)
  @Column(name = "role", length = 16, nullable = false)
  private Role role;

  protected Membership() {}

  Membership(User user, Project project, Role role) {
    this.user = user;
    this.project = project;
    this.role = role;
  }

  public User user() {
    return user;
  }

  public Project project() {
    return project;
  }

  public Role role() {
    return role;
  }

  void setRole(Role role) {
    this.role = role;
  }
}
