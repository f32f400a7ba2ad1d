package org.nsbed.provisioner.catalog;

import java.util.Locale;

/** A user's role in a project. */
public enum Role {
  /** May use the project's resources and create images and experiments in it. */
  USER,
  /** Project leader: as USER, and manages the project's members. */
  LEADER,
  /** Project administrator. */
  ADMIN;

  /** The spelling used in files and output: {@code user}, {@code leader}, {@code admin}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
