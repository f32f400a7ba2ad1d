package org.nsbed.provisioner.testbed;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.nsbed.interpreter.catalog.NsCatalog;
import org.nsbed.provisioner.testbed.TestbedFile.NodeType;
import org.nsbed.provisioner.testbed.TestbedFile.Osid;

/**
 * A testbed file seen from one project, as the NS interpreter needs it (docs/catalog.md, "NS files
 * and the catalogue"): {@code NAME} is visible for shared OSIDs and the project's own,
 * {@code pid/NAME} for those too; a node class such as {@code pc} is a hardware type whose default
 * OS is the one its types agree on; types with {@code allowedProjects} are permitted only to those
 * projects.
 *
 * <p>Usage: {@code new TestbedFileCatalog(TestbedFile.load(path), "testbed")}.
 */
public final class TestbedFileCatalog implements NsCatalog {

  private final TestbedFile file;
  private final String project;
  private final Map<String, NodeType> types;
  private final Map<String, String> nodeTypes;

  /**
   * @param file a loaded testbed file
   * @param project the experiment's project; it need not be one of the file's projects (then only
   *     shared OSIDs are visible and only unrestricted types permitted)
   */
  public TestbedFileCatalog(TestbedFile file, String project) {
    this.file = Objects.requireNonNull(file, "file");
    this.project = Objects.requireNonNull(project, "project");
    this.types = file.nodeTypes().stream()
        .collect(Collectors.toMap(NodeType::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    this.nodeTypes = file.nodes().stream()
        .collect(Collectors.toMap(TestbedFile.Node::name, TestbedFile.Node::type, (a, b) -> a, LinkedHashMap::new));
  }

  /** Reads {@code path} and views it from {@code project}. */
  public static TestbedFileCatalog load(java.nio.file.Path path, String project) {
    return new TestbedFileCatalog(TestbedFile.load(path), project);
  }

  /** The project this catalogue is seen from. */
  public String project() {
    return project;
  }

  /** The testbed file behind this catalogue. */
  public TestbedFile file() {
    return file;
  }

  @Override
  public boolean osidVisible(String osName) {
    return visibleOsid(osName).isPresent();
  }

  private Optional<Osid> visibleOsid(String osName) {
    if (osName == null || osName.isEmpty()) {
      return Optional.empty();
    }
    int slash = osName.indexOf('/');
    if (slash >= 0) {
      return file.osid(osName.substring(0, slash), osName.substring(slash + 1)).filter(this::usable);
    }
    Optional<Osid> own = file.osid(project, osName);
    if (own.isPresent()) {
      return own;
    }
    return file.osids().stream().filter(o -> o.shared() && o.name().equals(osName)).findFirst();
  }

  private boolean usable(Osid o) {
    return o.shared() || o.project().equals(project);
  }

  @Override
  public Set<String> parentOsids(String osName) {
    Optional<Osid> sub = visibleOsid(osName);
    if (sub.isEmpty() || sub.get().parentOs().isEmpty()) {
      return Set.of();
    }
    // A parent may be written either way in the NS file, so both spellings are members.
    Set<String> parents = new LinkedHashSet<>();
    for (String reference : sub.get().parentOs()) {
      file.resolveOsid(reference, sub.get().project()).ifPresent(p -> {
        parents.add(p.name());
        parents.add(p.qualifiedName());
      });
    }
    return Collections.unmodifiableSet(parents);
  }

  @Override
  public Optional<HardwareType> hardwareType(String typeOrClass) {
    NodeType type = types.get(typeOrClass);
    if (type != null) {
      return Optional.of(new HardwareType(type.name(), type.nodeClass(), type.defaultOs(), type.remote(),
          type.virtual(), type.subnode()));
    }
    List<NodeType> members = types.values().stream().filter(t -> t.nodeClass().equals(typeOrClass)).toList();
    if (members.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new HardwareType(typeOrClass, typeOrClass, classDefaultOs(members),
        members.stream().allMatch(NodeType::remote), members.stream().allMatch(NodeType::virtual),
        members.stream().allMatch(NodeType::subnode)));
  }

  /** The default OS most of the class's types name (the first type's on a tie). */
  static String classDefaultOs(List<NodeType> members) {
    Map<String, Long> votes = members.stream()
        .collect(Collectors.groupingBy(NodeType::defaultOs, LinkedHashMap::new, Collectors.counting()));
    return votes.entrySet().stream()
        .reduce((a, b) -> b.getValue() > a.getValue() ? b : a)
        .map(Map.Entry::getKey)
        .orElse("");
  }

  @Override
  public boolean typePermitted(String type) {
    NodeType t = types.get(type);
    if (t != null) {
      return permitted(t);
    }
    List<NodeType> members = types.values().stream().filter(x -> x.nodeClass().equals(type)).toList();
    return members.isEmpty() || members.stream().anyMatch(this::permitted);
  }

  private boolean permitted(NodeType t) {
    return t.allowedProjects().isEmpty() || t.allowedProjects().contains(project);
  }

  @Override
  public Optional<String> physicalNodeType(String nodeName) {
    return Optional.ofNullable(nodeTypes.get(nodeName));
  }
}
