package org.nsbed.provisioner.catalog;

/**
 * A field of the New Image Descriptor form (or another catalogue request) is wrong, or the user
 * may not do what they asked. {@link #field()} names the form field (as the command-line option,
 * e.g. {@code --name}); nothing has been written when this is thrown.
 */
public final class ImageFormException extends RuntimeException {

  private final String field;

  public ImageFormException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /** The offending field, e.g. {@code --load-partition}. */
  public String field() {
    return field;
  }
}
