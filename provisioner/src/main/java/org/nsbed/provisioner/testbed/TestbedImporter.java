package org.nsbed.provisioner.testbed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.catalog.ImageId;
import org.nsbed.provisioner.catalog.Node;
import org.nsbed.provisioner.catalog.NodeType;
import org.nsbed.provisioner.catalog.Osid;
import org.nsbed.provisioner.catalog.Project;
import org.nsbed.provisioner.catalog.Role;
import org.nsbed.provisioner.catalog.User;
import org.nsbed.provisioner.persistence.Database;

/**
 * {@code nsbed testbed init}: loads a testbed file into the database in one transaction. Importing
 * the same file twice changes nothing; a changed file updates what it describes, so the node
 * inventory converges to the file: a node the file no longer lists is removed when it is free or
 * down, and kept while an experiment holds it (the report names it and its experiment; importing
 * again after the release removes it). Other entries the file no longer mentions (images users
 * created, OSIDs, node types) are kept and reported. Missing image files get stand-ins first, so a
 * failed import leaves at most stand-in files behind, never a half-written catalogue.
 */
public final class TestbedImporter {

  /**
   * What an import did.
   *
   * @param created entities added
   * @param updated entities whose fields changed
   * @param unchanged entities already as the file says
   * @param counts entities in the file by kind (projects, users, node types, nodes, OSIDs, images)
   * @param standIns stand-in image files written, by {@code pid/name}
   * @param notInFile entities in the database that the file does not mention and that stay, e.g.
   *     {@code image testbed/MYIMG}
   * @param removed nodes removed because the file no longer lists them
   * @param reservedNotInFile nodes the file no longer lists that stay until their experiment
   *     releases them, e.g. {@code pc5 (reserved to testbed/myexp)}
   */
  public record Report(int created, int updated, int unchanged, Map<String, Integer> counts,
      Map<String, Path> standIns, List<String> notInFile, List<String> removed, List<String> reservedNotInFile) {

    /** True if the import changed the database. */
    public boolean changedAnything() {
      return created > 0 || updated > 0 || !removed.isEmpty();
    }
  }

  private final Database db;
  private final Path home;

  public TestbedImporter(Database db, Path home) {
    this.db = db;
    this.home = home;
  }

  /**
   * Imports {@code file}; when it lists no users, {@code invokingUser} becomes an admin of every
   * project.
   *
   * @throws IOException if an image file cannot be read or a stand-in cannot be written
   */
  public Report importFile(TestbedFile file, String invokingUser) throws IOException {
    Map<String, StandInImages.ImageFile> files = StandInImages.ensure(home, file);
    return db.inTransaction(session -> new Run(new CatalogRepository(session), file, files).apply(invokingUser));
  }

  /** One import inside one transaction. */
  private static final class Run {
    private final CatalogRepository repo;
    private final TestbedFile file;
    private final Map<String, StandInImages.ImageFile> files;
    private int created;
    private int updated;
    private int unchanged;

    Run(CatalogRepository repo, TestbedFile file, Map<String, StandInImages.ImageFile> files) {
      this.repo = repo;
      this.file = file;
      this.files = files;
    }

    /** Applies {@code change} to an existing entity, counting it as updated if its description changed. */
    private void update(Supplier<String> describe, Runnable change) {
      String before = describe.get();
      change.run();
      if (before.equals(describe.get())) {
        unchanged++;
      } else {
        updated++;
      }
    }

    Report apply(String invokingUser) {
      for (String pid : file.projects()) {
        if (repo.project(pid).isEmpty()) {
          repo.add(new Project(pid));
          created++;
        } else {
          unchanged++;
        }
      }
      List<TestbedFile.User> users = file.usersOr(invokingUser);
      for (TestbedFile.User u : users) {
        User user = repo.user(u.name()).orElse(null);
        if (user == null) {
          user = repo.add(new User(u.name(), u.admin()));
          created++;
          setRoles(user, u);
        } else {
          User existing = user;
          update(() -> describe(existing), () -> {
            existing.setAdmin(u.admin());
            setRoles(existing, u);
          });
        }
      }
      importOsids();
      importNodeTypes();
      for (TestbedFile.Node n : file.nodes()) {
        NodeType type = repo.nodeType(n.type()).orElseThrow();
        Node node = repo.node(n.name()).orElse(null);
        if (node == null) {
          repo.add(new Node(n.name(), type));
          created++;
        } else {
          update(() -> node.type().name(), () -> node.setType(type));
        }
      }
      importImages();
      List<String> removed = new ArrayList<>();
      List<String> reserved = new ArrayList<>();
      Set<String> listed = new HashSet<>();
      file.nodes().forEach(n -> listed.add(n.name()));
      for (Node node : repo.nodes()) {
        if (listed.contains(node.name())) {
          continue;
        }
        if (node.experiment() != null) {
          reserved.add(node.name() + " (reserved to " + node.experiment().project().pid() + "/"
              + node.experiment().eid() + ")");
        } else {
          repo.session().remove(node);
          removed.add(node.name());
        }
      }
      repo.session().flush();

      Map<String, Integer> counts = new java.util.LinkedHashMap<>();
      counts.put("projects", file.projects().size());
      counts.put("users", users.size());
      counts.put("node types", file.nodeTypes().size());
      counts.put("nodes", file.nodes().size());
      counts.put("OSIDs", file.osids().size());
      counts.put("images", file.images().size());
      Map<String, Path> standIns = new TreeMap<>();
      files.forEach((name, f) -> {
        if (f.createdStandIn()) {
          standIns.put(name, f.file());
        }
      });
      return new Report(created, updated, unchanged, counts, standIns, notInFile(), removed, reserved);
    }

    private void setRoles(User user, TestbedFile.User u) {
      for (Map.Entry<String, TestbedFile.Role> r : u.projects().entrySet()) {
        user.setRole(repo.project(r.getKey()).orElseThrow(), Role.valueOf(r.getValue().name()));
      }
      user.memberships().removeIf(m -> !u.projects().containsKey(m.project().pid()));
    }

    private void importOsids() {
      Set<String> added = new HashSet<>();
      for (TestbedFile.Osid o : file.osids()) {
        if (repo.osid(o.project(), o.name()).isEmpty()) {
          Osid osid = repo.add(new Osid(repo.project(o.project()).orElseThrow(), o.name(), o.os()));
          osid.setCreator("testbed file");
          added.add(o.qualifiedName());
          created++;
        }
      }
      // References between OSIDs are set once all of them exist.
      for (TestbedFile.Osid o : file.osids()) {
        Osid osid = repo.osid(o.project(), o.name()).orElseThrow();
        Runnable change = () -> {
          setScalars(osid, o);
          Set<Osid> parents = new HashSet<>();
          for (String p : o.parentOs()) {
            parents.add(resolve(p, o.project()));
          }
          osid.parents().retainAll(parents);
          osid.parents().addAll(parents);
          osid.setNextOsid(o.nextOs().isEmpty() ? null : resolve(o.nextOs(), o.project()));
        };
        if (added.contains(o.qualifiedName())) {
          change.run();
        } else {
          update(() -> describe(osid) + describeLinks(osid), change);
        }
      }
    }

    private static void setScalars(Osid osid, TestbedFile.Osid o) {
      osid.setOs(o.os());
      osid.setVersion(o.version());
      osid.setShared(o.shared());
      osid.setFeatures(o.features());
      osid.setOpMode(o.opMode());
      osid.setRebootWaitSeconds(o.rebootWaitSeconds());
      osid.setMaxConcurrent(o.maxConcurrent());
      osid.setDescription(o.description());
    }

    private Osid resolve(String reference, String project) {
      TestbedFile.Osid o = file.resolveOsid(reference, project).orElseThrow();
      return repo.osid(o.project(), o.name()).orElseThrow();
    }

    private void importNodeTypes() {
      for (TestbedFile.NodeType t : file.nodeTypes()) {
        NodeType type = repo.nodeType(t.name()).orElse(null);
        boolean isNew = type == null;
        if (isNew) {
          type = repo.add(new NodeType(t.name(), t.nodeClass()));
          created++;
        }
        NodeType target = type;
        Runnable change = () -> {
          target.setNodeClass(t.nodeClass());
          target.setDefaultOs(t.defaultOs().isEmpty() ? null : resolve(t.defaultOs(), TestbedFile.SYSTEM_PROJECT));
          target.setInterfaces(t.interfaces());
          target.setDiskGiB(t.diskGiB());
          target.setBiosWaitSeconds(t.biosWaitSeconds());
          target.setRemote(t.remote());
          target.setVirtual(t.virtual());
          target.setSubnode(t.subnode());
          Set<Project> allowed = new HashSet<>();
          t.allowedProjects().forEach(p -> allowed.add(repo.project(p).orElseThrow()));
          target.allowedProjects().retainAll(allowed);
          target.allowedProjects().addAll(allowed);
        };
        if (isNew) {
          change.run();
        } else {
          update(() -> describe(target), change);
        }
      }
    }

    private void importImages() {
      for (TestbedFile.Image i : file.images()) {
        ImageId image = repo.image(i.project(), i.name()).orElse(null);
        boolean isNew = image == null;
        if (isNew) {
          image = repo.add(new ImageId(repo.project(i.project()).orElseThrow(), i.name(), i.path()));
          image.setCreator("testbed file");
          created++;
        }
        ImageId target = image;
        StandInImages.ImageFile f = files.get(i.qualifiedName());
        Runnable change = () -> {
          target.setDescription(i.description());
          target.setPath(i.path());
          target.setLoadPartition(i.loadPartition());
          target.setGlobal(i.global());
          target.setShared(i.shared());
          Map<Integer, Osid> partitions = new TreeMap<>();
          i.partitions().forEach((slot, os) -> partitions.put(slot, resolve(os, i.project())));
          if (!partitions.equals(new TreeMap<>(target.partitions()))) {
            target.partitions().clear();
            target.partitions().putAll(partitions);
          }
          target.setDefaultOs(resolve(i.defaultOs(), i.project()));
          Set<NodeType> types = new HashSet<>();
          i.nodeTypes().forEach(t -> types.add(repo.nodeType(t).orElseThrow()));
          target.nodeTypes().retainAll(types);
          target.nodeTypes().addAll(types);
          if (!Objects.equals(target.sha256(), f.sha256()) || !Objects.equals(target.sizeBytes(), f.sizeBytes())) {
            target.setFile(f.sizeBytes(), f.sha256());
          }
        };
        if (isNew) {
          change.run();
        } else {
          update(() -> describe(target), change);
        }
        repo.session().flush();
        repo.refreshProvides(target);
      }
    }

    private List<String> notInFile() {
      List<String> extra = new ArrayList<>();
      Set<String> types = new HashSet<>();
      file.nodeTypes().forEach(t -> types.add(t.name()));
      repo.nodeTypes().stream().filter(t -> !types.contains(t.name())).forEach(t -> extra.add("node type " + t.name()));
      Set<String> osids = new HashSet<>();
      file.osids().forEach(o -> osids.add(o.qualifiedName()));
      repo.osids().stream().filter(o -> !osids.contains(o.qualifiedName()))
          .forEach(o -> extra.add("OSID " + o.qualifiedName()));
      Set<String> images = new HashSet<>();
      file.images().forEach(i -> images.add(i.qualifiedName()));
      repo.images().stream().filter(i -> !images.contains(i.qualifiedName()))
          .forEach(i -> extra.add("image " + i.qualifiedName()));
      return extra;
    }

    private static String describe(User u) {
      Map<String, String> roles = new TreeMap<>();
      u.memberships().forEach(m -> roles.put(m.project().pid(), m.role().name()));
      return u.admin() + " " + roles;
    }

    private static String describe(Osid o) {
      return String.join("|", o.os(), o.version(), Boolean.toString(o.shared()), String.join(",", o.features()),
          o.opMode(), Integer.toString(o.rebootWaitSeconds()), Integer.toString(o.maxConcurrent()), o.description());
    }

    private static String describeLinks(Osid o) {
      Set<String> parents = new java.util.TreeSet<>();
      o.parents().forEach(p -> parents.add(p.qualifiedName()));
      return parents + " " + (o.nextOsid() == null ? "" : o.nextOsid().qualifiedName());
    }

    private static String describe(NodeType t) {
      Set<String> allowed = new java.util.TreeSet<>();
      t.allowedProjects().forEach(p -> allowed.add(p.pid()));
      return String.join("|", t.nodeClass(), t.defaultOs() == null ? "" : t.defaultOs().qualifiedName(),
          Integer.toString(t.interfaces()), Integer.toString(t.diskGiB()), Integer.toString(t.biosWaitSeconds()),
          Boolean.toString(t.remote()), Boolean.toString(t.virtual()), Boolean.toString(t.subnode()), allowed.toString());
    }

    private static String describe(ImageId i) {
      Map<Integer, String> parts = new TreeMap<>();
      i.partitions().forEach((slot, o) -> parts.put(slot, o.qualifiedName()));
      Set<String> types = new java.util.TreeSet<>();
      i.nodeTypes().forEach(t -> types.add(t.name()));
      return String.join("|", i.description(), i.path(), Integer.toString(i.loadPartition()), parts.toString(),
          i.defaultOs() == null ? "" : i.defaultOs().qualifiedName(), types.toString(), Boolean.toString(i.global()),
          Boolean.toString(i.shared()), String.valueOf(i.sizeBytes()), String.valueOf(i.sha256()));
    }
  }
}
