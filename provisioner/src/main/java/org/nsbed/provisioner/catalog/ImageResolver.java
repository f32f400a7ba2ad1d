package org.nsbed.provisioner.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.nsbed.provisioner.catalog.OsidResolutionException.Reason;

/**
 * OSID resolution as the reference does it at swap-in (docs/catalog.md, "OSID resolution
 * (swap-in)"): an OS name ({@code NAME} or {@code pid/NAME}, or none for the node type's default
 * OS) is looked up in the experiment's project, then in {@code emulab-ops}, then among shared
 * OSIDs; it must be shared or the project's own; a generic OSID (no version) follows its next OSID
 * to a concrete one; and the (OSID, node type) relation names the image to load, which the project
 * must be allowed to use. Each failure is an {@link OsidResolutionException} that says what to do.
 *
 * <p>Works inside the caller's session: the returned entities are attached to it.
 */
public final class ImageResolver {

  /** Limit on generic-to-concrete hops, as the reference's os_setup has. */
  static final int MAX_HOPS = 10;

  /**
   * The outcome of a resolution.
   *
   * @param osid the concrete OSID that will run
   * @param image the image to load for it on the node type
   * @param file the image's local file
   */
  public record ImageChoice(Osid osid, ImageId image, Path file) {}

  private final CatalogRepository repo;
  private final Path home;

  /**
   * @param repo the catalogue, in the caller's session
   * @param home nsbed's home, where {@code /proj/<pid>/images/} files live
   */
  public ImageResolver(CatalogRepository repo, Path home) {
    this.repo = repo;
    this.home = home;
  }

  /**
   * Resolves {@code osName} (null or empty: the node type's default OS) for a node of
   * {@code nodeType} in an experiment of {@code project}.
   *
   * @throws OsidResolutionException if any step fails
   */
  public ImageChoice resolve(String project, String osName, String nodeType) {
    NodeType type = repo.nodeType(nodeType).orElseThrow(() -> new OsidResolutionException(Reason.UNKNOWN_NODE_TYPE,
        "unknown node type " + nodeType + " (types: "
            + repo.nodeTypes().stream().map(NodeType::name).collect(Collectors.joining(", ")) + ")"));
    if (!type.permits(project)) {
      throw new OsidResolutionException(Reason.NODE_TYPE_NOT_PERMITTED, "node type " + nodeType
          + " is reserved for project(s) " + type.allowedProjects().stream().map(Project::pid).sorted()
              .collect(Collectors.joining(", ")) + "; project " + project + " cannot use it");
    }
    Osid named;
    if (osName == null || osName.isEmpty()) {
      if (type.defaultOs() == null) {
        throw new OsidResolutionException(Reason.NO_DEFAULT_OS,
            "node type " + nodeType + " has no default OS; name one with tb-set-node-os");
      }
      named = type.defaultOs();
    } else {
      named = lookup(project, osName);
    }
    Osid concrete = concrete(named);
    OsidImage row = repo.osidImage(concrete, type).orElseThrow(() -> noImage(named, concrete, nodeType));
    ImageId image = row.image();
    if (!image.usableBy(project)) {
      throw new OsidResolutionException(Reason.IMAGE_NOT_PERMITTED, "image " + image.qualifiedName()
          + " provides OSID " + concrete.name() + " on " + nodeType + " but is not global, and project " + project
          + " is not its owner");
    }
    Path file;
    try {
      file = ImagePaths.localFile(home, image.project().pid(), image.path());
    } catch (IllegalArgumentException e) {
      throw new OsidResolutionException(Reason.BAD_IMAGE_PATH, "image " + image.qualifiedName() + ": " + e.getMessage());
    }
    return new ImageChoice(concrete, image, file);
  }

  /**
   * Looks up the OSID an NS file names, as seen from {@code project}: {@code pid/NAME} exactly;
   * {@code NAME} in the project, then in {@code emulab-ops}, then any shared OSID of that name.
   *
   * @throws OsidResolutionException if there is none or the project may not use it
   */
  public Osid lookup(String project, String osName) {
    int slash = osName.indexOf('/');
    Optional<Osid> found;
    if (slash >= 0) {
      found = repo.osid(osName.substring(0, slash), osName.substring(slash + 1));
    } else {
      found = repo.osid(project, osName)
          .or(() -> repo.osid("emulab-ops", osName))
          .or(() -> repo.osids().stream().filter(o -> o.shared() && o.name().equals(osName)).findFirst());
    }
    Osid osid = found.orElseThrow(() -> new OsidResolutionException(Reason.UNKNOWN_OSID, "OSID " + osName
        + " is not known in project " + project + "; `nsbed osid list` shows the OSIDs it can use"));
    if (!osid.shared() && !osid.project().pid().equals(project)) {
      throw new OsidResolutionException(Reason.OSID_NOT_VISIBLE, "OSID " + osid.qualifiedName()
          + " belongs to project " + osid.project().pid() + " and is not shared; project " + project
          + " cannot use it");
    }
    return osid;
  }

  /** Follows a generic OSID's next OSIDs to a concrete one. */
  private Osid concrete(Osid start) {
    Osid osid = start;
    Set<Long> seen = new HashSet<>();
    for (int hop = 0; osid.generic(); hop++) {
      if (!seen.add(osid.id()) || hop >= MAX_HOPS) {
        throw new OsidResolutionException(Reason.GENERIC_UNRESOLVED, "generic OSID " + start.qualifiedName()
            + " does not lead to a concrete OSID within " + MAX_HOPS + " steps (a loop?)");
      }
      if (osid.nextOsid() == null) {
        throw new OsidResolutionException(Reason.GENERIC_UNRESOLVED, "generic OSID " + osid.qualifiedName()
            + " has no version and names no OSID it stands for");
      }
      osid = osid.nextOsid();
    }
    return osid;
  }

  private OsidResolutionException noImage(Osid named, Osid concrete, String nodeType) {
    List<String> types = new ArrayList<>();
    repo.osidImages(concrete).forEach(r -> types.add(r.nodeType().name()));
    String via = named == concrete ? "" : " (generic OSID " + named.name() + " stands for it)";
    String where = types.isEmpty() ? "no image provides it on any node type"
        : "it runs on: " + String.join(", ", types);
    return new OsidResolutionException(Reason.NO_IMAGE_FOR_TYPE,
        "OSID " + concrete.name() + via + " has no image for node type " + nodeType + "; " + where);
  }
}
