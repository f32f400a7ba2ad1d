package org.nsbed.provisioner.access;

import java.util.Set;

/**
 * A user as the project rules see them: name, testbed admin or not, and the projects they are a
 * member of. {@link Principals} reads them with one query per request, token check included, so
 * a revoked token or a membership removed from the testbed file takes effect on the next call.
 */
public record Principal(String user, boolean admin, Set<String> projects) {
  public Principal {
    projects = Set.copyOf(projects);
  }

  /** True if the user may see and act on things of {@code pid}: a member, or a testbed admin. */
  public boolean mayActIn(String pid) {
    return admin || projects.contains(pid);
  }
}
