package org.nsbed.provisioner.testbed;

/**
 * A testbed file that cannot be used: unreadable, not YAML, an unknown key, a bad value or a
 * reference to something the file does not define. The message names the file, the line when
 * known, the entry (for example {@code nodeTypes[2] 'pc3000'}) and the field.
 */
public final class TestbedFileException extends RuntimeException {

  public TestbedFileException(String message) {
    super(message);
  }

  public TestbedFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
