package org.nsbed.provisioner.catalog;

import java.util.Comparator;
import java.util.List;
import org.hibernate.SharedSessionContract;

/**
 * One row of {@code node list}: a physical node, its type and state, and the experiment and
 * virtual node it is reserved to (pid and eid null when it is not).
 */
public record NodeListing(String name, String type, Allocation state, String pid, String eid, String vname,
    String downReason) {

  /**
   * Every node, ordered by name with numbers in numeric order ({@code pc2} before {@code pc10}):
   * one query of plain columns, since node lists are read on every API call that shows nodes.
   */
  public static List<NodeListing> all(SharedSessionContract s) {
    return s.createSelectionQuery("select new org.nsbed.provisioner.catalog.NodeListing(n.name, t.name, n.state, "
            + "p.pid, e.eid, n.vname, n.downReason) from Node n join n.type t left join n.experiment e "
            + "left join e.project p", NodeListing.class)
        .getResultList().stream().sorted(Comparator.comparing(NodeListing::name, NodeNames::compare)).toList();
  }
}
