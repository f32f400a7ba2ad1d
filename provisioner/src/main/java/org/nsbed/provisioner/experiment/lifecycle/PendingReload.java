package org.nsbed.provisioner.experiment.lifecycle;

import java.util.Map;

/**
 * A reload stored in a transaction (nodes moved to the holding experiment and the reload
 * operation): its job is scheduled once that transaction committed.
 *
 * @param loads node → the Image ID it is reloaded with
 */
public record PendingReload(Operation op, Map<String, String> loads) {}
