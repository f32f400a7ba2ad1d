package org.nsbed.provisioner.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * The testbed of a home: the file {@code <home>/testbed.yaml}. It is the file the user gave
 * ({@code nsbed testbed init FILE}, or {@code --testbed FILE} when the home had no catalogue yet),
 * copied there when it was imported, or the built-in default when the user never gave one. Every
 * part of it takes effect: the catalogue was imported from it, and the simulated testbed reads its
 * {@code faults:} and {@code simulation:} from it at run time.
 */
public final class HomeTestbed {

  private HomeTestbed() {}

  /** {@code <home>/testbed.yaml}, whether or not it exists. */
  public static Path file(Path home) {
    return home.resolve(DefaultTestbed.FILE_NAME);
  }

  /** Makes {@code given} the home's testbed file (a copy, replaced in one step); nothing if it is that file. */
  public static void install(Path home, Path given) throws IOException {
    Path target = file(home);
    if (Files.exists(target) && Files.isSameFile(target, given)) {
      return;
    }
    Files.createDirectories(home);
    Path tmp = Files.createTempFile(home, ".testbed", ".yaml");
    try {
      Files.copy(given, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** True if {@code given} has the same content as the home's testbed file (false when there is none). */
  public static boolean isInstalled(Path home, Path given) throws IOException {
    Path target = file(home);
    if (!Files.isRegularFile(target)) {
      return false;
    }
    return Files.isSameFile(target, given) || Arrays.equals(Files.readAllBytes(target), Files.readAllBytes(given));
  }
}
