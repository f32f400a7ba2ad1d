package org.nsbed.provisioner.experiment.lifecycle;

import org.nsbed.provisioner.access.Principal;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.catalog.User;

/** Who may act on a project's experiments and nodes: its members, and testbed admins. */
public final class ProjectAccess {
  private ProjectAccess() {}

  /**
   * The acting user, if they may act in {@code pid}.
   *
   * @throws LifecycleException naming the user and the project otherwise
   */
  public static User actingUser(CatalogRepository catalog, String user, String pid) {
    User u = catalog.user(user).orElseThrow(() -> unknownUser(user));
    if (!u.admin() && !u.mayActIn(pid)) {
      throw notAMember(user, pid);
    }
    return u;
  }

  /**
   * Refuses unless {@code p} may act in {@code pid}.
   *
   * @throws LifecycleException naming the user and the project
   */
  public static void require(Principal p, String pid) {
    if (!p.mayActIn(pid)) {
      throw notAMember(p.user(), pid);
    }
  }

  private static LifecycleException notAMember(String user, String pid) {
    return LifecycleException.forbidden("user " + user + " may not act in project " + pid + " (not a member)");
  }

  /** The error for a user the catalogue does not know. */
  public static LifecycleException unknownUser(String user) {
    return LifecycleException.forbidden("unknown user " + user + "; the testbed file lists the users (or use --user)");
  }
}
