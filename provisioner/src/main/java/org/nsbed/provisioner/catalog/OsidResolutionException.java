package org.nsbed.provisioner.catalog;

/**
 * An OS name could not be turned into an image for a node type. The message says which step
 * failed and what would work instead; {@link #reason()} lets callers tell the cases apart.
 */
public final class OsidResolutionException extends RuntimeException {

  /** Which step of the resolution failed. */
  public enum Reason {
    /** The node type does not exist. */
    UNKNOWN_NODE_TYPE,
    /** The node type is restricted to other projects. */
    NODE_TYPE_NOT_PERMITTED,
    /** No OS was named and the node type has no default OS. */
    NO_DEFAULT_OS,
    /** No OSID of that name exists for the project. */
    UNKNOWN_OSID,
    /** The OSID exists but belongs to another project and is not shared. */
    OSID_NOT_VISIBLE,
    /** A generic OSID does not lead to a concrete one. */
    GENERIC_UNRESOLVED,
    /** No image provides the OSID on the node type. */
    NO_IMAGE_FOR_TYPE,
    /** The image that provides it may not be used by the project. */
    IMAGE_NOT_PERMITTED,
    /** The image's path is not acceptable (outside the project's image directory, symbolic link). */
    BAD_IMAGE_PATH
  }

  private final Reason reason;

  public OsidResolutionException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
