package org.nsbed.provisioner.experiment.lifecycle;

/**
 * A request that the testbed refuses; the message says why and what to do. The {@link Reason}
 * lets the server answer with the matching HTTP status without reading the message.
 */
public final class LifecycleException extends RuntimeException {
  /** Why a request was refused. */
  public enum Reason {
    /** The experiment's state or lock, or the thing's state, does not allow it now. */
    CONFLICT,
    /** The named experiment, node, image or token does not exist. */
    NOT_FOUND,
    /** The user may not act on it. */
    FORBIDDEN
  }

  private final Reason reason;

  public LifecycleException(String message) {
    this(Reason.CONFLICT, message);
  }

  public LifecycleException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public static LifecycleException notFound(String message) {
    return new LifecycleException(Reason.NOT_FOUND, message);
  }

  public static LifecycleException forbidden(String message) {
    return new LifecycleException(Reason.FORBIDDEN, message);
  }

  public Reason reason() {
    return reason;
  }
}
