package org.nsbed.provisioner.catalog;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where image files live. An Image ID's path is a testbed path {@code /proj/<pid>/images/<file>};
 * on this machine it is the file {@code <home>/proj/<pid>/images/<file>}. Paths that climb out of
 * the project's image directory ({@code ..}, nested directories, symbolic links) are refused, so
 * nobody can read or write another project's files through an image descriptor.
 */
public final class ImagePaths {

  private ImagePaths() {}

  /** The testbed directory holding a project's images: {@code /proj/<pid>/images/}. */
  public static String projectDirectory(String pid) {
    return "/proj/" + pid + "/images/";
  }

  /** The default path of an image: {@code /proj/<pid>/images/<name>.ndz}. */
  public static String defaultPath(String pid, String name) {
    return projectDirectory(pid) + name + ".ndz";
  }

  /**
   * True if {@code path} names a plain file directly inside {@code directory} (which ends with
   * {@code /}): no {@code ..} or {@code .} segment, no sub-directory, no blanks or control
   * characters, and a file name that starts with a letter or digit.
   */
  public static boolean underDirectory(String path, String directory) {
    if (path == null || !path.startsWith(directory)) {
      return false;
    }
    String file = path.substring(directory.length());
    return file.matches("[A-Za-z0-9][A-Za-z0-9_.+-]{0,126}") && !file.contains("..");
  }

  /**
   * The local file for a testbed image path, checked: the path must be inside the project's image
   * directory, and neither the directory nor the file may be a symbolic link that leads elsewhere.
   *
   * @throws IllegalArgumentException naming the path if it is not acceptable
   */
  public static Path localFile(Path home, String pid, String imagePath) {
    String dir = projectDirectory(pid);
    if (!underDirectory(imagePath, dir)) {
      throw new IllegalArgumentException(
          "image path '" + imagePath + "' must be a file directly under " + dir + " (no '..', no sub-directories)");
    }
    Path base = home.resolve("proj").resolve(pid).resolve("images");
    Path file = base.resolve(imagePath.substring(dir.length()));
    for (Path p = file; p != null && p.startsWith(home) && !p.equals(home); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        throw new IllegalArgumentException("image path '" + imagePath + "' goes through a symbolic link (" + p
            + "); image files must be plain files in the project's image directory");
      }
    }
    return file;
  }
}
