package org.nsbed.provisioner.catalog;

import java.util.ArrayList;
import java.util.List;
import org.nsbed.provisioner.experiment.ExperimentLimits;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.persistence.Database;

/**
 * Taking physical nodes out of service and back ({@code nsbed node down|free} and the admin's
 * Nodes page): testbed admins only, all named nodes in one transaction, so a refusal for one
 * node changes none.
 */
public final class NodeAvailability {
  /** What happened to one node: its state and reason afterwards, and a line saying so. */
  public record Change(String node, String state, String reason, String message) {}

  private final Database db;

  public NodeAvailability(Database db) {
    this.db = db;
  }

  /** Takes free (or already down) nodes down with {@code reason}; a node held by an experiment is refused. */
  public List<Change> down(String user, List<String> names, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new LifecycleException("--reason: give a reason for taking the nodes down");
    }
    try {
      ExperimentLimits.checkLength("--reason", reason, ExperimentLimits.DOWN_REASON);
    } catch (IllegalArgumentException e) {
      throw new LifecycleException(e.getMessage() + "; nothing was changed");
    }
    return db.inTransaction(s -> {
      List<Change> out = new ArrayList<>();
      for (Node n : adminNodes(new CatalogRepository(s), user, "down", names)) {
        if (n.state() == Allocation.RESERVED) {
          throw new LifecycleException("node " + n.name() + " is reserved to experiment "
              + n.experiment().project().pid() + "/" + n.experiment().eid() + "; swap it out first");
        }
        String message = n.state() == Allocation.DOWN ? "node " + n.name() + " was already down; reason now: " + reason
            : "node " + n.name() + " is down: " + reason;
        n.setDown(reason);
        out.add(change(n, message));
      }
      return out;
    });
  }

  /** Returns down nodes to service; free and reserved nodes are left as they are. */
  public List<Change> free(String user, List<String> names) {
    return db.inTransaction(s -> {
      List<Change> out = new ArrayList<>();
      for (Node n : adminNodes(new CatalogRepository(s), user, "free", names)) {
        String message = switch (n.state()) {
          case DOWN -> "node " + n.name() + " is free";
          case FREE -> "node " + n.name() + " was already free; nothing changed";
          case RESERVED -> "node " + n.name() + " is reserved to experiment " + n.experiment().project().pid()
              + "/" + n.experiment().eid() + ", not down; nothing changed";
        };
        n.setDown(false);
        out.add(change(n, message));
      }
      return out;
    });
  }

  /** Every named node, for a testbed admin; an unknown user, a non-admin or an unknown node changes nothing. */
  private static List<Node> adminNodes(CatalogRepository repo, String user, String command, List<String> names) {
    User u = repo.user(user).orElseThrow(() -> new LifecycleException("user '" + user
        + "' is not known to this testbed; add it to the testbed file's users and run `nsbed testbed init`"));
    if (!u.admin()) {
      throw LifecycleException.forbidden("only testbed admins may run `nsbed node " + command + "`; user " + user
          + " is not one");
    }
    List<Node> nodes = new ArrayList<>();
    for (String name : names) {
      nodes.add(repo.node(name).orElseThrow(() -> LifecycleException.notFound("no node '" + name
          + "' in this testbed; `nsbed node list` shows them")));
    }
    return nodes;
  }

  private static Change change(Node n, String message) {
    return new Change(n.name(), n.state().label(), n.downReason(), message);
  }
}
