package org.nsbed.provisioner.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.nsbed.provisioner.catalog.OsFamilies;

/**
 * A testbed file ({@code testbed.yaml}; docs/catalog.md, "The testbed file"), read completely and
 * checked: every key is known, every value has the right form, and every name it refers to
 * (projects, node types, OSIDs) is defined in the same file. Node ranges such as {@code pc[1-10]}
 * are expanded and omitted values carry their documented defaults, so consumers never re-interpret
 * the YAML.
 *
 * @param source where the file came from (used in error messages)
 * @param projects project ids; {@code emulab-ops} conventionally holds the system images
 * @param users users and their project roles; empty when the file lists none (then whoever runs
 *     nsbed is treated as an admin of every project, see {@link #usersOr(String)})
 * @param nodeTypes hardware types
 * @param nodes the physical node inventory, ranges expanded, in file order
 * @param osids OS descriptors
 * @param images Image ID descriptors
 * @param faults faults injected into simulated nodes
 * @param simulation settings of the simulated testbed
 * @param loader where the image servers send and the nodes listen
 */
public record TestbedFile(
    String source,
    List<String> projects,
    List<User> users,
    List<NodeType> nodeTypes,
    List<Node> nodes,
    List<Osid> osids,
    List<Image> images,
    List<Fault> faults,
    Simulation simulation,
    Loader loader) {

  /** The project that holds the system (standard) OSIDs and images. */
  public static final String SYSTEM_PROJECT = "emulab-ops";

  /** A user's role in one project. */
  public enum Role {
    /** May use the project's resources and create images in it. */
    USER,
    /** Project leader: as USER, and may manage the project's members. */
    LEADER,
    /** Project administrator. */
    ADMIN;

    /** The spelling used in testbed files and output. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A user.
   *
   * @param name login name
   * @param admin testbed administrator (may create global images, sees everything)
   * @param projects role per project id
   */
  public record User(String name, boolean admin, Map<String, Role> projects) {}

  /**
   * A hardware type.
   *
   * @param name type name, e.g. {@code pc850}
   * @param nodeClass class, e.g. {@code pc}; a class name is itself a valid hardware type in NS files
   * @param defaultOs OSID name (or {@code pid/name}) booted when the NS file sets none
   * @param interfaces experimental network interfaces per node
   * @param diskGiB disk size
   * @param biosWaitSeconds how long the BIOS takes before the OS starts booting
   * @param remote a remote (wide-area) node, far from the image server: never imaged from
   * @param virtual a virtual node type (runs inside a host)
   * @param subnode a sub-node hosted by another node (e.g. an IXP board)
   * @param allowedProjects if non-empty, only these projects may use the type
   * @param driver what runs the type's nodes: {@link #SIMULATED} (the default) or {@link #QEMU}
   * @param qemu the virtual machine of a {@link #QEMU} type (defaults otherwise)
   */
  public record NodeType(
      String name,
      String nodeClass,
      String defaultOs,
      int interfaces,
      int diskGiB,
      int biosWaitSeconds,
      boolean remote,
      boolean virtual,
      boolean subnode,
      List<String> allowedProjects,
      String driver,
      Qemu qemu) {}

  /** The driver of simulated nodes. */
  public static final String SIMULATED = "simulated";

  /** The driver of nodes that are QEMU virtual machines (docs/lifecycle.md, "The VM testbed"). */
  public static final String QEMU = "qemu";

  /** Node drivers a node type may name. */
  public static final Set<String> DRIVERS = Set.of(SIMULATED, QEMU);

  /**
   * The virtual machine of a {@code driver: qemu} node type.
   *
   * @param memoryMiB guest memory
   * @param accel {@code auto} (KVM if a short probe shows it works, else TCG), {@code kvm} or {@code tcg}
   * @param diskMiB size of each node's raw disk
   */
  public record Qemu(int memoryMiB, String accel, int diskMiB) {
    public static final Qemu DEFAULTS = new Qemu(192, "auto", 64);
    public static final Set<String> ACCELS = Set.of("auto", "kvm", "tcg");
  }

  /**
   * A physical node of the inventory.
   *
   * @param name node name
   * @param type its node type
   * @param host the node host ({@code nsbed agent --name HOST}) the node lives on; empty for a
   *     node the server's own process runs
   */
  public record Node(String name, String type, Optional<String> host) {
    public Node(String name, String type) {
      this(name, type, Optional.empty());
    }
  }

  /**
   * An OS descriptor.
   *
   * @param name OSID name, unique within its project
   * @param project owning project
   * @param os OS family (one of {@link #OS_FAMILIES})
   * @param version OS version; empty for a generic OSID that resolves through {@code nextOs}
   * @param shared usable by every project
   * @param features what the OS supports (one of {@link #OS_FEATURES} each)
   * @param opMode boot state machine (one of {@link #OP_MODES})
   * @param rebootWaitSeconds how long a boot may take
   * @param parentOs for a sub-OS (jail, VM): the OSIDs it runs on
   * @param nextOs for a generic OSID: the OSID it stands for
   * @param maxConcurrent cap on simultaneous users; 0 = no cap
   * @param description free text
   */
  public record Osid(
      String name,
      String project,
      String os,
      String version,
      boolean shared,
      List<String> features,
      String opMode,
      int rebootWaitSeconds,
      List<String> parentOs,
      String nextOs,
      int maxConcurrent,
      String description) {

    /** {@code pid/name}. */
    public String qualifiedName() {
      return project + "/" + name;
    }

    /** True if the OSID has no version and stands for another one. */
    public boolean generic() {
      return version.isEmpty();
    }
  }

  /**
   * An Image ID descriptor.
   *
   * @param name image name, unique within its project
   * @param project owning project
   * @param description free text
   * @param global usable by all projects
   * @param shared usable by all groups of the project
   * @param path the image file, under {@code /proj/<project>/images/}
   * @param loadPartition 0 for a whole-disk image, 1..4 for a single-partition image
   * @param partitions which OSID is on which partition (keys 1..4); values name OSIDs as written
   * @param defaultOs the OSID booted after loading
   * @param nodeTypes the node types the image runs on
   * @param recipe the image recipe that builds the file when it is missing (empty: a stand-in is made)
   */
  public record Image(
      String name,
      String project,
      String description,
      boolean global,
      boolean shared,
      String path,
      int loadPartition,
      Map<Integer, String> partitions,
      String defaultOs,
      List<String> nodeTypes,
      Optional<String> recipe) {

    /** {@code pid/name}. */
    public String qualifiedName() {
      return project + "/" + name;
    }
  }

  /** How a simulated node's boot goes wrong. */
  public enum BootFault {
    /** The node never reports that it is up. */
    NEVER,
    /** The node reports a failed boot (TBFAILED). */
    FAILED
  }

  /**
   * Faults injected into one simulated node.
   *
   * @param node node name
   * @param boot boot fault, if any
   * @param loadDiesAtPercent the node dies when a disk load reaches this percentage, if set
   * @param loss fraction of multicast packets the node drops (0 = none)
   */
  public record Fault(String node, Optional<BootFault> boot, OptionalInt loadDiesAtPercent, double loss) {}

  /**
   * Settings of the simulated testbed.
   *
   * @param timeScale factor applied to BIOS/boot waits and deadlines (1.0 = real time)
   */
  public record Simulation(double timeScale) {
    public static final double DEFAULT_TIME_SCALE = 0.01;
  }

  /**
   * How images travel to the nodes ({@code loader:}): the interface the image servers and the
   * nodes' multicast clients use, and the multicast TTL. The embedded testbed keeps everything on
   * this host ({@code lo}, TTL 0); a testbed whose nodes sit on another network names that
   * network's interface and TTL 1.
   *
   * @param iface network interface
   * @param ttl multicast TTL, 0-255
   */
  public record Loader(String iface, int ttl) {
    public static final Loader LOCAL = new Loader("lo", 0);
  }

  /** OS families an OSID may name (the reference's {@code os_info.OS}). */
  public static final Set<String> OS_FAMILIES = OsFamilies.NAMES;

  /** OS features an OSID may list (the reference's {@code os_info.osfeatures}). */
  public static final Set<String> OS_FEATURES =
      Set.of("ping", "ssh", "ipod", "isup", "veths", "veth-ne", "veth-en", "mlinks", "linktest",
          "linkdelays", "vlans", "suboses");

  /** Operational modes offered by the New Image Descriptor form. */
  public static final Set<String> OP_MODES = Set.of("NORMALv2", "NORMAL", "MINIMAL", "ALWAYSUP");

  /**
   * Reads and checks a testbed file.
   *
   * @throws TestbedFileException if the file cannot be read or is not a valid testbed file
   */
  public static TestbedFile load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TestbedFileException(file + ": cannot read testbed file: " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /**
   * Checks a testbed file given as text.
   *
   * @param source name used in error messages
   * @throws TestbedFileException if the text is not a valid testbed file
   */
  public static TestbedFile parse(String text, String source) {
    return new TestbedFileReader(source).read(text);
  }

  /** The users, or when the file lists none, {@code invokingUser} as admin of every project. */
  public List<User> usersOr(String invokingUser) {
    if (!users.isEmpty()) {
      return users;
    }
    Map<String, Role> all = new java.util.LinkedHashMap<>();
    projects.forEach(p -> all.put(p, Role.ADMIN));
    return List.of(new User(invokingUser, true, java.util.Collections.unmodifiableMap(all)));
  }

  /** The nodes that live on node host {@code host}, in file order. */
  public List<Node> nodesOnHost(String host) {
    return nodes.stream().filter(n -> n.host().filter(host::equals).isPresent()).toList();
  }

  /** The node type of that name. */
  public Optional<NodeType> nodeType(String name) {
    return nodeTypes.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The OSID {@code name} of {@code project}. */
  public Optional<Osid> osid(String project, String name) {
    return osids.stream().filter(o -> o.project().equals(project) && o.name().equals(name)).findFirst();
  }

  /**
   * The OSID an OSID reference means when written in {@code project}: {@code pid/NAME} exactly;
   * {@code NAME} in the project itself, else in {@value #SYSTEM_PROJECT}, else the shared OSID of
   * that name (the reference's swap-time lookup).
   */
  public Optional<Osid> resolveOsid(String reference, String project) {
    int slash = reference.indexOf('/');
    if (slash >= 0) {
      return osid(reference.substring(0, slash), reference.substring(slash + 1));
    }
    Optional<Osid> own = osid(project, reference);
    if (own.isPresent()) {
      return own;
    }
    Optional<Osid> system = osid(SYSTEM_PROJECT, reference);
    if (system.isPresent()) {
      return system;
    }
    return osids.stream().filter(o -> o.shared() && o.name().equals(reference)).findFirst();
  }
}
