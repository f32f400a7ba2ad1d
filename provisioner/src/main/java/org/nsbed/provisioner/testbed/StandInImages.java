package org.nsbed.provisioner.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nsbed.loader.image.CaptureOptions;
import org.nsbed.loader.image.Imagezip;
import org.nsbed.provisioner.catalog.ImagePaths;
import org.nsbed.provisioner.disk.DiskLabel;
import org.nsbed.provisioner.disk.PartitionSlice;
import org.nsbed.provisioner.disk.StandInDisk;
import org.nsbed.provisioner.recipe.ImageRecipes;
import org.nsbed.provisioner.testbed.TestbedFile.Image;
import org.nsbed.provisioner.testbed.TestbedFile.Osid;

/**
 * Makes sure every image of a testbed file has a file: an image whose file is missing is built
 * from its recipe ({@link ImageRecipes}) when it names one, else it gets a stand-in, a simulated disk with its OSIDs' boot blocks captured with imagezip (a whole-disk
 * image captures the disk, a single-partition image only its partition). Existing files, real
 * or stand-in, are never overwritten.
 */
public final class StandInImages {

  /**
   * What is known about an image's file.
   *
   * @param file the local file
   * @param sizeBytes its length
   * @param sha256 its SHA-256, hex
   * @param createdStandIn true if this call created it (a stand-in, or built from its recipe)
   */
  public record ImageFile(Path file, long sizeBytes, String sha256, boolean createdStandIn) {}

  private StandInImages() {}

  /**
   * Ensures a file for every image of {@code testbed} under {@code home}; returns them by
   * {@code pid/name}.
   *
   * @throws IOException if a file cannot be read or written, or a recipe cannot be built
   * @throws IllegalArgumentException if an image path is not acceptable (e.g. a symbolic link)
   */
  public static Map<String, ImageFile> ensure(Path home, TestbedFile testbed) throws IOException {
    Map<String, ImageFile> out = new LinkedHashMap<>();
    for (Image image : testbed.images()) {
      Path file = ImagePaths.localFile(home, image.project(), image.path());
      boolean created = false;
      if (!Files.exists(file)) {
        if (image.recipe().isPresent()) {
          build(home, testbed, image, file);
        } else {
          create(testbed, image, file);
        }
        created = true;
      }
      out.put(image.qualifiedName(), new ImageFile(file, Files.size(file), sha256(file), created));
    }
    return out;
  }

  private static void build(Path home, TestbedFile testbed, Image image, Path file) throws IOException {
    Osid os = testbed.resolveOsid(image.defaultOs(), image.project()).orElseThrow();
    try {
      ImageRecipes.build(image.recipe().orElseThrow(), os.name(), file, ImageRecipes.cacheDir(home));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while building image " + image.qualifiedName(), e);
    }
  }

  private static void create(TestbedFile testbed, Image image, Path file) throws IOException {
    Map<Integer, StandInDisk.Os> oses = new LinkedHashMap<>();
    int active = image.partitions().keySet().iterator().next();
    for (Map.Entry<Integer, String> p : image.partitions().entrySet()) {
      Osid osid = testbed.resolveOsid(p.getValue(), image.project()).orElseThrow();
      oses.put(p.getKey(), new StandInDisk.Os(osid.name(), osid.os(), osid.version()));
      if (p.getValue().equals(image.defaultOs())) {
        active = p.getKey();
      }
    }
    Files.createDirectories(file.getParent());
    Path disk = Files.createTempFile(file.getParent(), "." + image.name(), ".disk");
    PartitionSlice slice = null;
    try {
      DiskLabel label = StandInDisk.write(disk, new StandInDisk.Spec(image.name(), image.nodeTypes(), oses, active,
          StandInDisk.DEFAULT_SIZE_BYTES));
      if (image.loadPartition() != 0) {
        slice = PartitionSlice.cut(disk, label.partition(image.loadPartition()).orElseThrow(), file.getParent(),
            image.name());
      }
      Imagezip.capture(slice != null ? slice.file() : disk, file, CaptureOptions.defaults().withOverwrite(false));
    } finally {
      Files.deleteIfExists(disk);
      if (slice != null) {
        slice.close();
      }
    }
  }

  /** SHA-256 of a file, hex. */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        digest.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
