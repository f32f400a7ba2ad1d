package org.nsbed.provisioner.catalog;

/**
 * One row of {@code node list}: a physical node, its type and state, and the experiment and
 * virtual node it is reserved to (pid and eid null when it is not).
 */
public record NodeListing(String name, String type, Allocation state, String pid, String eid, String vname,
    String downReason) {}
