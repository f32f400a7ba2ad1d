package org.nsbed.server.api;

import java.util.List;
import java.util.Set;
import org.nsbed.provisioner.access.Principal;
import org.nsbed.provisioner.catalog.NodeListing;

/**
 * The authenticated user of one request and the projects they act in. Every route asks it
 * before it reads or changes anything of a project: members see their projects, admins all.
 */
public record Caller(String user, boolean admin, Set<String> projects) {

  /** The caller a principal is: their name, admin flag and projects. */
  public static Caller of(Principal p) {
    return new Caller(p.user(), p.admin(), p.projects());
  }

  /** The caller as the project rules of the scheduler's reads take them. */
  Principal principal() {
    return new Principal(user, admin, projects);
  }

  /** True if the caller may see and act on things of {@code pid}. */
  public boolean mayActIn(String pid) {
    return admin || projects.contains(pid);
  }

  /** The nodes the caller may see: free and down ones, and those of the caller's projects (admins: all). */
  public List<NodeListing> visible(List<NodeListing> nodes) {
    return nodes.stream().filter(n -> n.pid() == null || mayActIn(n.pid())).toList();
  }

  /** Refuses with 403 unless the caller acts in {@code pid}. */
  public void requireProject(String pid) {
    if (!mayActIn(pid)) {
      throw ApiException.forbidden("user " + user + " may not act in project " + pid + " (not a member)");
    }
  }

  /** Refuses with 403 unless the caller is a testbed admin. */
  public void requireAdmin() {
    if (!admin) {
      throw ApiException.forbidden("only testbed admins may do this");
    }
  }
}
