package org.nsbed.provisioner.mapping;

/**
 * The experiment cannot be mapped. {@link Kind#NOT_NOW}: it would fit an idle testbed, but the
 * nodes it needs are busy (or were excluded); {@link Kind#NEVER}: this testbed can never run it
 * (no such hardware, no image for the OSID on any fitting type).
 */
public final class MappingFailure extends Exception {
  /** Whether waiting can help. */
  public enum Kind {
    NOT_NOW,
    NEVER
  }

  private final Kind kind;

  public MappingFailure(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
