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
 * {@link Principal}s read in the caller's transaction (a stateless session will do), one query of
 * plain columns each: for the provisioner's services, which check the project rules in the
 * transaction that reads or changes what they guard. Other modules use {@link Principals}.
 */
public final class PrincipalReads {
  private final SharedSessionContract s;

  public PrincipalReads(SharedSessionContract s) {
    this.s = s;
  }

  /** The holder of an API token nsbed issued and nobody revoked, with their projects. */
  public Optional<Principal> ofToken(String token) {
    if (!Credentials.wellFormed(token)) {
      return Optional.empty();
    }
    return of(s.createSelectionQuery("select u.name, u.admin, m.project.pid from ApiToken t join User u on u.name = t.user "
        + "left join u.memberships m where t.tokenHash = :h and t.revoked is null", Object[].class)
        .setParameter("h", Credentials.sha256(token)).getResultList());
  }

  /** A user of the catalogue by name, with their projects. */
  public Optional<Principal> ofUser(String user) {
    return of(s.createSelectionQuery("select u.name, u.admin, m.project.pid from User u left join u.memberships m "
        + "where u.name = :u", Object[].class).setParameter("u", user).getResultList());
  }

  /** Several users of the catalogue by name, with their projects; users it does not know are missing from the map. */
  public Map<String, Principal> ofUsers(Collection<String> users) {
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
