package org.nsbed.provisioner.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The built-in default testbed: 3 projects, 3 node types (one of them remote), 21 nodes, and the
 * standard whole-disk images FBSD-STD, Ubuntu-STD and CentOS7-STD. It is written to
 * {@code <home>/testbed.yaml} on first use and from then on is the user's file to edit.
 */
public final class DefaultTestbed {

  /** The file name under nsbed's home. */
  public static final String FILE_NAME = "testbed.yaml";

  private static final String RESOURCE = "default-testbed.yaml";

  private DefaultTestbed() {}

  /** The default testbed file's text. */
  public static String text() {
    try (InputStream in = DefaultTestbed.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the default testbed resource " + RESOURCE + " is missing from the build");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the default testbed resource: " + e.getMessage(), e);
    }
  }

  /**
   * Returns {@code <home>/testbed.yaml}, writing the default there first if it does not exist.
   * An existing file is never replaced.
   */
  public static Path ensure(Path home) throws IOException {
    Path file = home.resolve(FILE_NAME);
    if (Files.exists(file)) {
      return file;
    }
    Files.createDirectories(home);
    Path tmp = Files.createTempFile(home, ".testbed", ".yaml");
    try {
      Files.writeString(tmp, text());
      // Two processes may start at once: a hard link never replaces, so the first file wins.
      Files.createLink(file, tmp);
    } catch (FileAlreadyExistsException e) {
      return file;
    } finally {
      Files.deleteIfExists(tmp);
    }
    return file;
  }
}
