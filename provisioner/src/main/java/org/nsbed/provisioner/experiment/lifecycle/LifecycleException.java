package org.nsbed.provisioner.experiment.lifecycle;

/** A lifecycle request that the experiment's state or lock does not allow; the message says why. */
public final class LifecycleException extends RuntimeException {
  public LifecycleException(String message) {
    super(message);
  }
}
