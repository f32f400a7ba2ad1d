package org.nsbed.provisioner.recipe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.nsbed.loader.image.CaptureOptions;
import org.nsbed.loader.image.ImageInfo;
import org.nsbed.loader.image.Imagezip;

/**
 * Bootable images built from Debian packages (docs/lifecycle.md, "The VM testbed"): {@code tiny-linux}, the
 * distribution kernel with a busybox userland whose root filesystem lives on the disk, and
 * {@code broken-boot}, the same disk whose kernel starts without its initramfs and panics. A
 * shell script ({@code build-disk.sh}) assembles the raw disk with the packages' own tools and
 * no mounting; the disk is then captured with imagezip, leaving out the root filesystem's free
 * blocks.
 *
 * <p>Built images are kept in the cache directory by recipe, OS name and script, so a testbed
 * init or a test suite builds each one once; the kernel package is fetched once into the same
 * directory.
 */
public final class ImageRecipes {
  /** The recipes there are. */
  public static final Set<String> NAMES = Set.of("tiny-linux", "broken-boot");

  /** The environment variable that moves the cache directory (tests share one under target/). */
  public static final String CACHE_VARIABLE = "NSBED_RECIPE_CACHE";

  private static final String SCRIPT = "build-disk.sh";
  /** A build fetches a 70 MB package and runs a dozen tools: minutes on a slow machine. */
  private static final long BUILD_TIMEOUT_MINUTES = 15;

  private ImageRecipes() {}

  /** The cache directory of a home: {@value #CACHE_VARIABLE} when set, else {@code <home>/cache/recipes}. */
  public static Path cacheDir(Path home) {
    String dir = System.getenv(CACHE_VARIABLE);
    return dir != null && !dir.isBlank() ? Path.of(dir) : home.resolve("cache").resolve("recipes");
  }

  /**
   * Builds the image of {@code recipe} into {@code out} (replaced only when the build succeeds).
   *
   * @param osName what the node prints when it is up (the OSID the image provides)
   * @param cache where the kernel package and built images are kept
   * @throws IllegalArgumentException if there is no such recipe
   * @throws IOException if a tool is missing or fails (the message says which and what it printed)
   */
  public static ImageInfo build(String recipe, String osName, Path out, Path cache)
      throws IOException, InterruptedException {
    if (!NAMES.contains(recipe)) {
      throw new IllegalArgumentException("no image recipe '" + recipe + "' (recipes: " + String.join(", ",
          NAMES.stream().sorted().toList()) + ")");
    }
    if (!osName.matches("[A-Za-z0-9][A-Za-z0-9_.+-]{0,29}")) {
      throw new IllegalArgumentException("'" + osName + "' is not an OS name");
    }
    byte[] script = script();
    Files.createDirectories(cache);
    Path cached = cache.resolve(recipe + "-" + osName + "-" + sha256(script).substring(0, 12) + ".ndz");
    if (!Files.exists(cached)) {
      Path disk = Files.createTempFile(cache, "." + recipe, ".disk");
      Path scriptFile = Files.createTempFile(cache, "." + recipe, ".sh");
      Path tmp = Files.createTempFile(cache, "." + recipe, ".ndz");
      try {
        Files.write(scriptFile, script);
        run(List.of("bash", scriptFile.toString(), recipe, osName, disk.toString(), cache.toString()), recipe);
        Imagezip.capture(disk, tmp, CaptureOptions.defaults().withOverwrite(true).withSkipFreeSpace(true));
        Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(disk);
        Files.deleteIfExists(scriptFile);
        Files.deleteIfExists(tmp);
      }
    }
    Path dir = out.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path part = Files.createTempFile(dir, "." + out.getFileName(), ".part");
    try {
      Files.copy(cached, part, StandardCopyOption.REPLACE_EXISTING);
      Files.move(part, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(part);
    }
    return ImageInfo.read(out);
  }

  /**
   * Makes {@code home} use {@code cache} as its recipe cache (a link), so a throw-away home (a demo,
   * a benchmark) neither fetches the kernel again nor lacks one for the KVM probe.
   */
  public static void shareCache(Path home, Path cache) throws IOException {
    Path link = home.resolve("cache").resolve("recipes");
    if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !cache.toAbsolutePath().equals(link.toAbsolutePath())) {
      Files.createDirectories(cache);
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, cache.toAbsolutePath());
    }
  }

  private static void run(List<String> command, String recipe) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    Deque<String> tail = new ArrayDeque<>();
    try (var lines = p.inputReader(StandardCharsets.UTF_8)) {
      for (String line; (line = lines.readLine()) != null; ) {
        tail.addLast(line);
        if (tail.size() > 8) {
          tail.removeFirst();
        }
      }
    }
    if (!p.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("building image recipe " + recipe + " took more than " + BUILD_TIMEOUT_MINUTES + " minutes");
    }
    if (p.exitValue() != 0) {
      throw new IOException("building image recipe " + recipe + " failed (exit " + p.exitValue() + "): "
          + String.join(" | ", tail));
    }
  }

  private static byte[] script() throws IOException {
    try (InputStream in = ImageRecipes.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IOException("the image recipe script " + SCRIPT + " is missing from nsbed's build");
      }
      return in.readAllBytes();
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
