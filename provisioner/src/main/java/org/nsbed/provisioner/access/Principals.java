package org.nsbed.provisioner.access;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.nsbed.provisioner.persistence.Database;

/**
 * Who callers are, as the project rules see them ({@link Principal}): by API token, by user name
 * (a web session's user, a local credential's), or many at once (the event streams' users). Each
 * method is one read-only query of plain columns ({@link PrincipalReads}), since the server asks
 * on every request.
 */
public final class Principals {
  private final Database db;

  public Principals(Database db) {
    this.db = db;
  }

  /** The holder of an API token nsbed issued and nobody revoked, with their projects. */
  public Optional<Principal> ofToken(String token) {
    return db.query(s -> new PrincipalReads(s).ofToken(token));
  }

  /** A user of the catalogue by name, with their projects. */
  public Optional<Principal> ofUser(String user) {
    return db.query(s -> new PrincipalReads(s).ofUser(user));
  }

  /** Several users of the catalogue by name, with their projects; users it does not know are missing from the map. */
  public Map<String, Principal> ofUsers(Collection<String> users) {
    return db.query(s -> new PrincipalReads(s).ofUsers(users));
  }
}
