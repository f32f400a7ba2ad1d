package org.nsbed.provisioner.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.provisioner.testbed.TestbedFile;

/**
 * Image ID and OSID descriptors as users see and change them ({@code nsbed image ...},
 * {@code nsbed osid ...}), with the permission rules: a user sees and uses global images, shared
 * images of their projects and their projects' images; nobody writes outside their projects; only
 * testbed admins create global images. Every request runs in one transaction.
 */
public final class ImageDescriptors {

  /** Descriptor names: letters, digits, '-', '_', '.', '+'; at most 30; no blanks or slashes. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,29}");

  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,31}");

  /** OS features only admins may set (they change how the testbed sets up the network). */
  static final Set<String> ADMIN_FEATURES = Set.of("veths", "veth-ne", "veth-en", "mlinks", "linkdelays", "vlans");

  /**
   * An Image ID as shown to users.
   *
   * @param osids the OSIDs on its partitions, by partition order
   * @param fileExists whether the image file is present under nsbed's home
   */
  public record ImageView(String name, String project, String description, String path, boolean global,
      boolean shared, int loadPartition, Map<Integer, String> partitions, String defaultOs, List<String> nodeTypes,
      List<String> osids, String creator, Instant created, Instant updated, Long sizeBytes, String sha256,
      boolean fileExists) {}

  /**
   * An OSID as shown to users.
   *
   * @param runsOn node type -> {@code pid/image} that provides the OSID on it
   */
  public record OsidView(String name, String project, String os, String version, boolean shared,
      List<String> features, String opMode, int rebootWaitSeconds, int maxConcurrent, List<String> parents,
      String nextOs, String description, Map<String, String> runsOn) {}

  private final Database db;
  private final Path home;

  public ImageDescriptors(Database db, Path home) {
    this.db = db;
    this.home = home;
  }

  private static User actor(CatalogRepository repo, String user) {
    return repo.user(user).orElseThrow(() -> new ImageFormException("--user", "user '" + user
        + "' is not known to this testbed (known: " + repo.users().stream().map(User::name)
            .collect(Collectors.joining(", ")) + "); add it to the testbed file's users and run `nsbed testbed init`"));
  }

  private static boolean sees(User u, ImageId i) {
    return u.admin() || i.global() || u.roleIn(i.project().pid()).isPresent();
  }

  private static boolean sees(User u, Osid o) {
    return u.admin() || o.shared() || u.roleIn(o.project().pid()).isPresent();
  }

  /** The images {@code user} may see, by project and name. */
  public List<ImageView> list(String user) {
    return db.inTransaction(s -> {
      CatalogRepository repo = new CatalogRepository(s);
      User u = actor(repo, user);
      return repo.images().stream().filter(i -> sees(u, i)).map(this::view).toList();
    });
  }

  /**
   * One image: {@code pid/NAME}, or {@code NAME} if exactly one image of that name is visible.
   *
   * @throws ImageFormException if there is none or the name is ambiguous
   */
  public ImageView show(String name, String user) {
    return db.inTransaction(s -> view(findImage(new CatalogRepository(s), name, user)));
  }

  private ImageId findImage(CatalogRepository repo, String name, String user) {
    User u = actor(repo, user);
    List<ImageId> matches = repo.images().stream()
        .filter(i -> name.contains("/") ? i.qualifiedName().equals(name) : i.name().equals(name))
        .filter(i -> sees(u, i))
        .toList();
    if (matches.isEmpty()) {
      throw new ImageFormException("IMAGE", "no image '" + name + "' that user " + user
          + " can see; `nsbed image list` shows them");
    }
    if (matches.size() > 1) {
      throw new ImageFormException("IMAGE", "'" + name + "' names several images ("
          + matches.stream().map(ImageId::qualifiedName).collect(Collectors.joining(", ")) + "); write pid/NAME");
    }
    return matches.get(0);
  }

  private ImageView view(ImageId i) {
    Map<Integer, String> parts = new TreeMap<>();
    i.partitions().forEach((slot, o) -> parts.put(slot, o.name()));
    boolean exists;
    try {
      exists = Files.isRegularFile(ImagePaths.localFile(home, i.project().pid(), i.path()));
    } catch (IllegalArgumentException e) {
      exists = false;
    }
    return new ImageView(i.name(), i.project().pid(), i.description(), i.path(), i.global(), i.shared(),
        i.loadPartition(), parts, i.defaultOs() == null ? null : i.defaultOs().name(),
        i.nodeTypes().stream().map(NodeType::name).sorted().toList(), List.copyOf(parts.values()), i.creator(),
        i.created(), i.updated(), i.sizeBytes(), i.sha256(), exists);
  }

  /** The OSIDs {@code user} may see, by project and name. */
  public List<OsidView> osids(String user) {
    return db.inTransaction(s -> {
      CatalogRepository repo = new CatalogRepository(s);
      User u = actor(repo, user);
      return repo.osids().stream().filter(o -> sees(u, o)).map(o -> view(repo, o)).toList();
    });
  }

  /** One OSID: {@code pid/NAME}, or {@code NAME} if exactly one OSID of that name is visible. */
  public OsidView osid(String name, String user) {
    return db.inTransaction(s -> {
      CatalogRepository repo = new CatalogRepository(s);
      User u = actor(repo, user);
      List<Osid> matches = repo.osids().stream()
          .filter(o -> name.contains("/") ? o.qualifiedName().equals(name) : o.name().equals(name))
          .filter(o -> sees(u, o))
          .toList();
      if (matches.isEmpty()) {
        throw new ImageFormException("OSID", "no OSID '" + name + "' that user " + user
            + " can see; `nsbed osid list` shows them");
      }
      if (matches.size() > 1) {
        throw new ImageFormException("OSID", "'" + name + "' names several OSIDs ("
            + matches.stream().map(Osid::qualifiedName).collect(Collectors.joining(", ")) + "); write pid/NAME");
      }
      return view(repo, matches.get(0));
    });
  }

  private static OsidView view(CatalogRepository repo, Osid o) {
    Map<String, String> runsOn = new TreeMap<>();
    repo.osidImages(o).forEach(r -> runsOn.put(r.nodeType().name(), r.image().qualifiedName()));
    return new OsidView(o.name(), o.project().pid(), o.os(), o.version(), o.shared(), o.features(), o.opMode(),
        o.rebootWaitSeconds(), o.maxConcurrent(),
        o.parents().stream().map(Osid::qualifiedName).sorted().toList(),
        o.nextOsid() == null ? null : o.nextOsid().qualifiedName(), o.description(), runsOn);
  }

  /**
   * Creates an Image ID and its OSID (same name) from the New Image Descriptor form, after
   * checking every field; nothing is written if any check fails.
   *
   * @throws ImageFormException naming the first wrong field
   */
  public ImageView create(NewImage form, String user) {
    return db.inTransaction(s -> {
      CatalogRepository repo = new CatalogRepository(s);
      User u = actor(repo, user);
      String pid = required("--project", form.project());
      Project project = repo.project(pid).orElseThrow(() -> new ImageFormException("--project", "unknown project '"
          + pid + "' (projects: " + repo.projects().stream().map(Project::pid).collect(Collectors.joining(", ")) + ")"));
      if (!u.mayActIn(pid)) {
        throw new ImageFormException("--project", "user " + u.name() + " is not a member of project " + pid
            + "; images can only be created in your own projects");
      }
      String name = required("--name", form.name());
      if (!NAME.matcher(name).matches()) {
        throw new ImageFormException("--name", "'" + name + "' is not a valid descriptor name (letters, digits, '-', "
            + "'_', '.', '+'; starting with a letter or digit; at most 30; no blanks or '/')");
      }
      if (repo.image(pid, name).isPresent()) {
        throw new ImageFormException("--name", "project " + pid + " already has an image named " + name);
      }
      if (repo.osid(pid, name).isPresent()) {
        throw new ImageFormException("--name", "project " + pid + " already has an OSID named " + name);
      }
      String description = required("--description", form.description());
      if (description.length() > 255) {
        throw new ImageFormException("--description", "at most 255 characters");
      }
      String os = required("--os", form.os());
      if (!TestbedFile.OS_FAMILIES.contains(os)) {
        throw new ImageFormException("--os", "'" + os + "' is not one of "
            + String.join(", ", new java.util.TreeSet<>(TestbedFile.OS_FAMILIES)));
      }
      String version = required("--version", form.version());
      if (!VERSION.matcher(version).matches()) {
        throw new ImageFormException("--version", "'" + version + "' is not a valid version (letters, digits, "
            + "'.', '-', '_', '+'; at most 32)");
      }
      int loadPartition = form.loadPartition() == null ? 0 : form.loadPartition();
      if (loadPartition < 0 || loadPartition > 4) {
        throw new ImageFormException("--load-partition", loadPartition
            + " is not 0 (whole disk) or a DOS partition 1-4");
      }
      if (form.nodeTypes() == null || form.nodeTypes().isEmpty()) {
        throw new ImageFormException("--node-types", "name at least one node type the image runs on (types: "
            + repo.nodeTypes().stream().map(NodeType::name).collect(Collectors.joining(", ")) + ")");
      }
      List<NodeType> types = new ArrayList<>();
      for (String t : form.nodeTypes()) {
        NodeType type = repo.nodeType(t).orElseThrow(() -> new ImageFormException("--node-types", "unknown node type '"
            + t + "' (types: " + repo.nodeTypes().stream().map(NodeType::name).collect(Collectors.joining(", ")) + ")"));
        if (!type.permits(pid)) {
          throw new ImageFormException("--node-types", "node type " + t + " is not available to project " + pid);
        }
        if (!types.contains(type)) {
          types.add(type);
        }
      }
      String dir = ImagePaths.projectDirectory(pid);
      String path = form.path() == null || form.path().isEmpty() ? ImagePaths.defaultPath(pid, name) : form.path();
      if (!ImagePaths.underDirectory(path, dir)) {
        throw new ImageFormException("--path", "'" + path + "' must be a file directly under " + dir
            + " (no '..', no sub-directories)");
      }
      try {
        ImagePaths.localFile(home, pid, path);
      } catch (IllegalArgumentException e) {
        throw new ImageFormException("--path", e.getMessage());
      }
      for (ImageId other : repo.images()) {
        if (other.path().equals(path)) {
          throw new ImageFormException("--path", path + " is already the file of image " + other.qualifiedName());
        }
      }
      if (form.global() && !u.admin()) {
        throw new ImageFormException("--global", "only testbed admins may create global images; use --shared to "
            + "share it within project " + pid);
      }
      List<String> features = form.features() == null ? List.of() : form.features();
      for (String f : features) {
        if (!TestbedFile.OS_FEATURES.contains(f)) {
          throw new ImageFormException("--features", "unknown OS feature '" + f + "' (one of "
              + String.join(", ", new java.util.TreeSet<>(TestbedFile.OS_FEATURES)) + ")");
        }
        if (ADMIN_FEATURES.contains(f) && !u.admin()) {
          throw new ImageFormException("--features", "only testbed admins may set the OS feature '" + f + "'");
        }
      }
      String opMode = form.opMode() == null ? "NORMALv2" : form.opMode();
      if (!TestbedFile.OP_MODES.contains(opMode)) {
        throw new ImageFormException("--op-mode", "'" + opMode + "' is not one of "
            + String.join(", ", new java.util.TreeSet<>(TestbedFile.OP_MODES)));
      }
      int rebootWait = form.rebootWaitSeconds() == null ? OsFamilies.defaultRebootWaitSeconds(os) : form.rebootWaitSeconds();
      if (rebootWait < 1 || rebootWait > 86_400) {
        throw new ImageFormException("--reboot-wait", rebootWait + " is not in 1-86400 seconds");
      }
      int maxConcurrent = form.maxConcurrent() == null ? 0 : form.maxConcurrent();
      if (maxConcurrent < 0) {
        throw new ImageFormException("--max-concurrent", maxConcurrent + " is negative (0 means no limit)");
      }

      Osid osid = repo.add(new Osid(project, name, os));
      osid.setVersion(version);
      osid.setFeatures(features);
      osid.setOpMode(opMode);
      osid.setRebootWaitSeconds(rebootWait);
      osid.setMaxConcurrent(maxConcurrent);
      osid.setShared(form.global());
      osid.setDescription(description);
      osid.setCreator(u.name());
      ImageId image = repo.add(new ImageId(project, name, path));
      image.setDescription(description);
      image.setLoadPartition(loadPartition);
      image.partitions().put(loadPartition == 0 ? 1 : loadPartition, osid);
      image.setDefaultOs(osid);
      image.nodeTypes().addAll(types);
      image.setGlobal(form.global());
      image.setShared(form.shared());
      image.setCreator(u.name());
      s.flush();
      repo.refreshProvides(image);
      return view(image);
    });
  }

  /** Per-OS default boot wait of the reference's form. */
  private static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new ImageFormException(field, "required");
    }
    return value;
  }

  /**
   * Deletes an Image ID (and the OSID of the same name when nothing else uses it). The image file
   * is kept; its path is returned so the caller can say so.
   *
   * @throws ImageFormException if the image is unknown, not the user's to delete, or still needed
   */
  public String delete(String name, String user) {
    return db.inTransaction(s -> {
      CatalogRepository repo = new CatalogRepository(s);
      User u = actor(repo, user);
      ImageId image = findImage(repo, name, user);
      String pid = image.project().pid();
      if (!u.mayActIn(pid)) {
        throw new ImageFormException("IMAGE", "image " + image.qualifiedName() + " belongs to project " + pid
            + ", which user " + u.name() + " is not a member of");
      }
      for (NodeType t : repo.nodeTypes()) {
        if (t.defaultOs() != null && image.partitions().containsValue(t.defaultOs())
            && repo.osidImage(t.defaultOs(), t).map(r -> r.image() == image).orElse(false)) {
          throw new ImageFormException("IMAGE", "image " + image.qualifiedName() + " provides "
              + t.defaultOs().name() + ", the default OS of node type " + t.name() + "; change the type's default first");
        }
      }
      for (OsidImage row : repo.providedBy(image)) {
        s.remove(row);
      }
      List<Osid> oses = new ArrayList<>(image.partitions().values());
      s.remove(image);
      s.flush();
      for (Osid o : oses) {
        boolean used = !repo.imagesWith(o).isEmpty() || !repo.osidImages(o).isEmpty() || !repo.subOsids(o).isEmpty()
            || repo.nodeTypes().stream().anyMatch(t -> t.defaultOs() == o)
            || repo.osids().stream().anyMatch(x -> x.nextOsid() == o);
        if (!used && o.name().equals(image.name()) && o.project() == image.project()) {
          o.parents().clear();
          s.remove(o);
        }
      }
      return image.path();
    });
  }
}
