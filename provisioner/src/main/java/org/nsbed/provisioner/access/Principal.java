package org.nsbed.provisioner.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hibernate.SharedSessionContract;

/**
 * A user as the project rules see them: name, testbed admin or not, and the projects they are a
 * member of. Read with one query per request, token check included, so a revoked token or a
 * membership removed from the testbed file takes effect on the next call.
 */
public record Principal(String user, boolean admin, Set<String> projects) {
  public Principal {
    projects = Set.copyOf(projects);
  }

  /** True if the user may see and act on things of {@code pid}: a member, or a testbed admin. */
  public boolean mayActIn(String pid) {
    return admin || projects.contains(pid);
  }

  /** The holder of an API token nsbed issued and nobody revoked, with their projects. */
  public static Optional<Principal> ofToken(SharedSessionContract s, String token) {
    if (!Credentials.wellFormed(token)) {
      return Optional.empty();
    }
    return of(s.createSelectionQuery("select u.name, u.admin, m.project.pid from ApiToken t join User u on u.name = t.user "
        + "left join u.memberships m where t.tokenHash = :h and t.revoked is null", Object[].class)
        .setParameter("h", Credentials.sha256(token)).getResultList());
  }

  /** A user of the catalogue by name, with their projects. */
  public static Optional<Principal> ofUser(SharedSessionContract s, String user) {
    return of(s.createSelectionQuery("select u.name, u.admin, m.project.pid from User u left join u.memberships m "
        + "where u.name = :u", Object[].class).setParameter("u", user).getResultList());
  }

  /** Several users of the catalogue by name, with their projects; users it does not know are missing from the map. */
  public static Map<String, Principal> ofUsers(SharedSessionContract s, Collection<String> users) {
    Map<String, List<Object[]>> rows = new HashMap<>();
    if (!users.isEmpty()) {
      for (Object[] row : s.createSelectionQuery("select u.name, u.admin, m.project.pid from User u "
          + "left join u.memberships m where u.name in (:u)", Object[].class).setParameter("u", users).getResultList()) {
        rows.computeIfAbsent((String) row[0], u -> new ArrayList<>()).add(row);
      }
    }
    Map<String, Principal> out = new HashMap<>();
    rows.forEach((user, its) -> of(its).ifPresent(p -> out.put(user, p)));
    return out;
  }

  /** Rows of (name, admin, pid or null), one per membership (one with a null pid for none). */
  private static Optional<Principal> of(List<Object[]> rows) {
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Set<String> projects = new HashSet<>();
    for (Object[] row : rows) {
      if (row[2] != null) {
        projects.add((String) row[2]);
      }
    }
    return Optional.of(new Principal((String) rows.get(0)[0], (Boolean) rows.get(0)[1], projects));
  }
}
