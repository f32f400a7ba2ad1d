package org.nsbed.provisioner.testbed;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nsbed.provisioner.catalog.ImagePaths;
import org.nsbed.provisioner.catalog.OsFamilies;
import org.nsbed.provisioner.recipe.ImageRecipes;
import org.nsbed.provisioner.testbed.TestbedFile.BootFault;
import org.nsbed.provisioner.testbed.TestbedFile.Fault;
import org.nsbed.provisioner.testbed.TestbedFile.Image;
import org.nsbed.provisioner.testbed.TestbedFile.Node;
import org.nsbed.provisioner.testbed.TestbedFile.NodeType;
import org.nsbed.provisioner.testbed.TestbedFile.Osid;
import org.nsbed.provisioner.testbed.TestbedFile.Role;
import org.nsbed.provisioner.testbed.TestbedFile.Simulation;
import org.nsbed.provisioner.testbed.TestbedFile.User;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a testbed file from the YAML node tree (not from plain maps) so that every error can
 * carry the line of the offending value.
 */
final class TestbedFileReader {

  /** Names of projects, OSIDs, images, node types: no blanks, no slashes, no {@code ..}. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,29}");

  static final Pattern PROJECT = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");

  private static final Pattern RANGE = Pattern.compile("([^\\[\\]]*)\\[(\\d+)-(\\d+)\\]([^\\[\\]]*)");

  private final String source;

  // What one section's reader leaves for the readers of later sections and for the reference
  // check (a reader reads one file).
  private final List<String> projects = new ArrayList<>();
  private final Set<String> projectSet = new HashSet<>();
  private final Map<String, Entry> osidEntries = new LinkedHashMap<>();
  private final Map<String, Entry> typeEntries = new LinkedHashMap<>();
  private final Set<String> nodeNames = new HashSet<>();
  private final List<Entry> imageEntries = new ArrayList<>();

  TestbedFileReader(String source) {
    this.source = source;
  }

  TestbedFile read(String text) {
    org.yaml.snakeyaml.nodes.Node root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
    } catch (YAMLException e) {
      throw new TestbedFileException(source + ": not valid YAML: " + e.getMessage().replace('\n', ' '), e);
    }
    if (root == null) {
      throw new TestbedFileException(source + ": the testbed file is empty");
    }
    Entry top = entry(root, "the file");
    readProjects(top);
    List<User> users = readUsers(top);
    List<Osid> osids = readOsids(top);
    List<NodeType> types = readNodeTypes(top);
    List<Node> nodes = readNodes(top);
    List<Image> images = readImages(top);
    List<Fault> faults = readFaults(top);
    Simulation simulation = readSimulation(top);
    TestbedFile.Loader loader = readLoader(top);
    top.finish();

    TestbedFile file = new TestbedFile(source, List.copyOf(projects), List.copyOf(users), List.copyOf(types),
        List.copyOf(nodes), List.copyOf(osids), List.copyOf(images), List.copyOf(faults), simulation,
        loader);
    checkReferences(file);
    return file;
  }

  private void readProjects(Entry top) {
    for (Item item : top.list("projects", true)) {
      String p = item.scalar();
      if (!PROJECT.matcher(p).matches()) {
        throw item.error("project id '" + p + "' is not valid (lower-case letters, digits and '-')");
      }
      if (!projectSet.add(p)) {
        throw item.error("project '" + p + "' is listed twice");
      }
      projects.add(p);
    }
    if (projects.isEmpty()) {
      throw top.error("projects", "at least one project is needed");
    }
  }

  private List<User> readUsers(Entry top) {
    List<User> users = new ArrayList<>();
    Set<String> userNames = new HashSet<>();
    for (Item item : top.list("users", false)) {
      Entry e = item.entry();
      String name = e.requiredName("name", Pattern.compile("[a-z_][a-z0-9_.-]{0,31}"));
      boolean admin = e.bool("admin", false);
      Map<String, Role> roles = new LinkedHashMap<>();
      for (Map.Entry<String, Item> r : e.map("projects").entrySet()) {
        if (!projectSet.contains(r.getKey())) {
          throw r.getValue().error("unknown project '" + r.getKey() + "' (projects: " + String.join(", ", projects) + ")");
        }
        String role = r.getValue().scalar();
        try {
          roles.put(r.getKey(), Role.valueOf(role.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException ex) {
          throw r.getValue().error("role '" + role + "' is not one of user, leader, admin");
        }
      }
      e.finish();
      if (!userNames.add(name)) {
        throw e.error("name", "user '" + name + "' is listed twice");
      }
      users.add(new User(name, admin, Collections.unmodifiableMap(roles)));
    }
    return users;
  }

  private List<Osid> readOsids(Entry top) {
    List<Osid> osids = new ArrayList<>();
    for (Item item : top.list("osids", false)) {
      Entry e = item.entry();
      String name = e.requiredName("name", NAME);
      String project = e.project("project", projectSet, TestbedFile.SYSTEM_PROJECT);
      String os = e.choice("os", TestbedFile.OS_FAMILIES, "Unknown");
      String version = e.string("version", "");
      boolean shared = e.bool("shared", false);
      List<String> features = new ArrayList<>();
      for (Item f : e.list("features", false)) {
        String feature = f.scalar();
        if (!TestbedFile.OS_FEATURES.contains(feature)) {
          throw f.error("unknown OS feature '" + feature + "' (one of " + sorted(TestbedFile.OS_FEATURES) + ")");
        }
        features.add(feature);
      }
      String opMode = e.choice("opMode", TestbedFile.OP_MODES, "NORMALv2");
      int rebootWait = e.integer("rebootWaitSeconds", OsFamilies.defaultRebootWaitSeconds(os), 1, 86_400);
      List<String> parents = e.list("parentOs", false).stream().map(Item::scalar).toList();
      String nextOs = e.string("nextOs", "");
      int maxConcurrent = e.integer("maxConcurrent", 0, 0, 1_000_000);
      String description = e.string("description", "");
      e.finish();
      if (version.isEmpty() && nextOs.isEmpty()) {
        throw e.error("version", "an OSID without a version is generic and needs 'nextOs' naming the OSID it stands for");
      }
      if (osidEntries.put(project + "/" + name, e) != null) {
        throw e.error("name", "OSID '" + project + "/" + name + "' is defined twice");
      }
      osids.add(new Osid(name, project, os, version, shared, List.copyOf(features), opMode, rebootWait,
          parents, nextOs, maxConcurrent, description));
    }
    return osids;
  }

  private List<NodeType> readNodeTypes(Entry top) {
    List<NodeType> types = new ArrayList<>();
    for (Item item : top.list("nodeTypes", false)) {
      Entry e = item.entry();
      String name = e.requiredName("name", NAME);
      String nodeClass = e.requiredName("class", NAME);
      String defaultOs = e.string("defaultOs", "");
      int interfaces = e.integer("interfaces", 4, 0, 64);
      int disk = e.integer("diskGiB", 8, 1, 1 << 20);
      int bios = e.integer("biosWaitSeconds", 60, 0, 86_400);
      boolean remote = e.bool("remote", false);
      boolean virtual = e.bool("virtual", false);
      boolean subnode = e.bool("subnode", false);
      List<String> allowed = new ArrayList<>();
      for (Item p : e.list("allowedProjects", false)) {
        if (!projectSet.contains(p.scalar())) {
          throw p.error("unknown project '" + p.scalar() + "' (projects: " + String.join(", ", projects) + ")");
        }
        allowed.add(p.scalar());
      }
      String driver = e.choice("driver", TestbedFile.DRIVERS, TestbedFile.SIMULATED);
      TestbedFile.Qemu qemu = TestbedFile.Qemu.DEFAULTS;
      Optional<Entry> vm = e.optionalEntry("qemu");
      if (vm.isPresent()) {
        if (!driver.equals(TestbedFile.QEMU)) {
          throw e.error("qemu", "only a node type with 'driver: qemu' takes qemu settings");
        }
        Entry q = vm.get();
        qemu = new TestbedFile.Qemu(q.integer("memoryMiB", qemu.memoryMiB(), 64, 65_536),
            q.choice("accel", TestbedFile.Qemu.ACCELS, qemu.accel()), q.integer("diskMiB", qemu.diskMiB(), 16, 1 << 20));
        q.finish();
      }
      e.finish();
      if (typeEntries.put(name, e) != null) {
        throw e.error("name", "node type '" + name + "' is defined twice");
      }
      types.add(new NodeType(name, nodeClass, defaultOs, interfaces, disk, bios, remote, virtual, subnode,
          List.copyOf(allowed), driver, qemu));
    }
    return types;
  }

  private List<Node> readNodes(Entry top) {
    List<Node> nodes = new ArrayList<>();
    for (Item item : top.list("nodes", false)) {
      Entry e = item.entry();
      Optional<String> single = e.optionalString("name");
      Optional<String> range = e.optionalString("names");
      String type = e.string("type", null);
      Optional<String> host = e.optionalString("host");
      e.finish();
      if (host.isPresent() && !NAME.matcher(host.get()).matches()) {
        throw e.error("host", "node host name '" + host.get() + "' is not valid");
      }
      if (single.isPresent() == range.isPresent()) {
        throw e.error(single.isPresent() ? "names" : "name", "give either 'name' (one node) or 'names' (a range such as \"pc[1-10]\")");
      }
      if (type == null) {
        throw e.error("type", "missing required field");
      }
      if (!typeEntries.containsKey(type)) {
        throw e.error("type", "unknown node type '" + type + "' (types: " + String.join(", ", typeEntries.keySet()) + ")");
      }
      List<String> names = single.isPresent() ? List.of(single.get()) : expand(e, range.get());
      for (String n : names) {
        if (!NAME.matcher(n).matches()) {
          throw e.error(single.isPresent() ? "name" : "names", "node name '" + n + "' is not valid");
        }
        if (!nodeNames.add(n)) {
          throw e.error(single.isPresent() ? "name" : "names", "node '" + n + "' is defined twice");
        }
        nodes.add(new Node(n, type, host));
      }
    }
    return nodes;
  }

  private List<Image> readImages(Entry top) {
    List<Image> images = new ArrayList<>();
    Set<String> imageKeys = new HashSet<>();
    for (Item item : top.list("images", false)) {
      Entry e = item.entry();
      String name = e.requiredName("name", NAME);
      String project = e.project("project", projectSet, TestbedFile.SYSTEM_PROJECT);
      String description = e.string("description", "");
      boolean global = e.bool("global", false);
      boolean shared = e.bool("shared", false);
      String dir = "/proj/" + project + "/images/";
      String path = e.string("path", dir + name + ".ndz");
      if (!ImagePaths.underDirectory(path, dir)) {
        throw e.error("path", "'" + path + "' must be a file directly under " + dir + " (no '..')");
      }
      int loadPartition = e.integer("loadPartition", 0, 0, 4);
      Map<Integer, String> partitions = new TreeMap<>();
      for (Map.Entry<String, Item> p : e.map("partitions").entrySet()) {
        int slot;
        try {
          slot = Integer.parseInt(p.getKey());
        } catch (NumberFormatException ex) {
          throw p.getValue().error("partition '" + p.getKey() + "' is not a number 1-4");
        }
        if (slot < 1 || slot > 4) {
          throw p.getValue().error("partition " + slot + " is not in 1-4");
        }
        if (loadPartition != 0 && slot != loadPartition) {
          throw p.getValue().error("a single-partition image (loadPartition " + loadPartition
              + ") can only hold an OS on partition " + loadPartition);
        }
        partitions.put(slot, p.getValue().scalar());
      }
      if (partitions.isEmpty()) {
        partitions.put(loadPartition == 0 ? 1 : loadPartition, name);
      }
      String defaultOs = e.string("defaultOs", partitions.values().iterator().next());
      List<String> nodeTypes = new ArrayList<>();
      for (Item t : e.list("nodeTypes", false)) {
        if (!typeEntries.containsKey(t.scalar())) {
          throw t.error("unknown node type '" + t.scalar() + "' (types: " + String.join(", ", typeEntries.keySet()) + ")");
        }
        nodeTypes.add(t.scalar());
      }
      Optional<String> recipe = e.optionalString("recipe");
      if (recipe.isPresent() && !ImageRecipes.NAMES.contains(recipe.get())) {
        throw e.error("recipe", "'" + recipe.get() + "' is not one of " + sorted(ImageRecipes.NAMES));
      }
      e.finish();
      if (nodeTypes.isEmpty()) {
        throw e.error("nodeTypes", "an image needs at least one node type it runs on");
      }
      if (!imageKeys.add(project + "/" + name)) {
        throw e.error("name", "image '" + project + "/" + name + "' is defined twice");
      }
      imageEntries.add(e);
      images.add(new Image(name, project, description, global, shared, path, loadPartition,
          Collections.unmodifiableMap(partitions), defaultOs, List.copyOf(nodeTypes), recipe));
    }
    return images;
  }

  private List<Fault> readFaults(Entry top) {
    List<Fault> faults = new ArrayList<>();
    for (Item item : top.list("faults", false)) {
      Entry e = item.entry();
      String node = e.string("node", null);
      Optional<String> boot = e.optionalString("boot");
      Optional<String> load = e.optionalString("load");
      double loss = e.decimal("loss", 0.0, 0.0, 1.0);
      e.finish();
      if (node == null) {
        throw e.error("node", "missing required field");
      }
      if (!nodeNames.contains(node)) {
        throw e.error("node", "unknown node '" + node + "'");
      }
      Optional<BootFault> bootFault = boot.map(b -> switch (b) {
        case "never" -> BootFault.NEVER;
        case "failed" -> BootFault.FAILED;
        default -> throw e.error("boot", "'" + b + "' is not one of never, failed");
      });
      OptionalInt dies = OptionalInt.empty();
      if (load.isPresent()) {
        Matcher m = Pattern.compile("die-at-(\\d{1,3})%").matcher(load.get());
        if (!m.matches() || Integer.parseInt(m.group(1)) > 100) {
          throw e.error("load", "'" + load.get() + "' is not of the form die-at-N% (N 0-100)");
        }
        dies = OptionalInt.of(Integer.parseInt(m.group(1)));
      }
      faults.add(new Fault(node, bootFault, dies, loss));
    }
    return faults;
  }

  private TestbedFile.Loader readLoader(Entry top) {
    Optional<Entry> section = top.optionalEntry("loader");
    if (section.isEmpty()) {
      return TestbedFile.Loader.LOCAL;
    }
    Entry e = section.get();
    String iface = e.string("iface", TestbedFile.Loader.LOCAL.iface());
    int ttl = e.integer("ttl", TestbedFile.Loader.LOCAL.ttl(), 0, 255);
    e.finish();
    if (!iface.matches("[A-Za-z0-9_.:@-]{1,15}")) {
      throw e.error("iface", "'" + iface + "' is not a network interface name");
    }
    return new TestbedFile.Loader(iface, ttl);
  }

  private Simulation readSimulation(Entry top) {
    Simulation simulation = new Simulation(Simulation.DEFAULT_TIME_SCALE);
    Optional<Entry> sim = top.optionalEntry("simulation");
    if (sim.isPresent()) {
      Entry e = sim.get();
      double scale = e.decimal("timeScale", Simulation.DEFAULT_TIME_SCALE, 0.0, 1000.0);
      e.finish();
      if (scale <= 0) {
        throw e.error("timeScale", "must be greater than 0");
      }
      simulation = new Simulation(scale);
    }
    return simulation;
  }

  /** Every OSID named anywhere in the file must exist, as seen from the naming entry's project. */
  private void checkReferences(TestbedFile file) {
    for (Osid o : file.osids()) {
      Entry e = osidEntries.get(o.qualifiedName());
      for (String parent : o.parentOs()) {
        requireOsid(file, parent, o.project(), e, "parentOs");
      }
      if (!o.nextOs().isEmpty()) {
        Osid next = requireOsid(file, o.nextOs(), o.project(), e, "nextOs");
        if (next.qualifiedName().equals(o.qualifiedName())) {
          throw e.error("nextOs", "an OSID cannot stand for itself");
        }
      }
    }
    for (NodeType t : file.nodeTypes()) {
      if (!t.defaultOs().isEmpty()) {
        requireOsid(file, t.defaultOs(), TestbedFile.SYSTEM_PROJECT, typeEntries.get(t.name()), "defaultOs");
      }
    }
    Map<String, String> provider = new LinkedHashMap<>();
    for (int i = 0; i < file.images().size(); i++) {
      Image image = file.images().get(i);
      Entry e = imageEntries.get(i);
      Set<String> onPartitions = new LinkedHashSet<>();
      for (String os : image.partitions().values()) {
        String osid = requireOsid(file, os, image.project(), e, "partitions").qualifiedName();
        onPartitions.add(osid);
        for (String type : image.nodeTypes()) {
          String other = provider.putIfAbsent(osid + " on " + type, image.qualifiedName());
          if (other != null) {
            throw e.error("nodeTypes", "images " + other + " and " + image.qualifiedName() + " both provide OSID "
                + osid + " for node type " + type + "; only one image may");
          }
        }
      }
      Osid def = requireOsid(file, image.defaultOs(), image.project(), e, "defaultOs");
      if (!onPartitions.contains(def.qualifiedName())) {
        throw e.error("defaultOs", "'" + image.defaultOs() + "' is not on any of the image's partitions");
      }
    }
  }

  private Osid requireOsid(TestbedFile file, String reference, String project, Entry at, String field) {
    return file.resolveOsid(reference, project)
        .orElseThrow(() -> at.error(field, "unknown OSID '" + reference + "'"));
  }

  private List<String> expand(Entry e, String spec) {
    Matcher m = RANGE.matcher(spec);
    if (!m.matches()) {
      if (spec.contains("[") || spec.contains("]")) {
        throw e.error("names", "'" + spec + "' is not a range such as \"pc[1-10]\"");
      }
      return List.of(spec);
    }
    String from = m.group(2);
    long lo = Long.parseLong(from);
    long hi = Long.parseLong(m.group(3));
    if (hi < lo || hi - lo >= 100_000) {
      throw e.error("names", "range '" + spec + "' is empty or too large");
    }
    // "pc[01-10]" keeps the zero padding of the lower bound, like shell brace expansion.
    int width = from.startsWith("0") && from.length() > 1 ? from.length() : 0;
    List<String> out = new ArrayList<>();
    for (long n = lo; n <= hi; n++) {
      String number = width > 0 ? String.format("%0" + width + "d", n) : Long.toString(n);
      out.add(m.group(1) + number + m.group(4));
    }
    return out;
  }

  private static String sorted(Set<String> values) {
    return String.join(", ", new java.util.TreeSet<>(values));
  }

  private Entry entry(org.yaml.snakeyaml.nodes.Node node, String label) {
    if (!(node instanceof MappingNode m)) {
      throw new TestbedFileException(where(node) + label + ": expected a mapping of fields");
    }
    return new Entry(m, label);
  }

  private String where(org.yaml.snakeyaml.nodes.Node node) {
    return source + ":" + (node.getStartMark().getLine() + 1) + ": ";
  }

  /** One value inside a list or map, with a label saying where it is. */
  private final class Item {
    final org.yaml.snakeyaml.nodes.Node node;
    final String label;

    Item(org.yaml.snakeyaml.nodes.Node node, String label) {
      this.node = node;
      this.label = label;
    }

    String scalar() {
      if (!(node instanceof ScalarNode s) || s.getTag().equals(Tag.NULL)) {
        throw error("expected a single value");
      }
      return s.getValue();
    }

    Entry entry() {
      return TestbedFileReader.this.entry(node, label);
    }

    TestbedFileException error(String message) {
      return new TestbedFileException(where(node) + label + ": " + message);
    }
  }

  /** A mapping (one entry of a list, or the top level) whose fields are consumed one by one. */
  private final class Entry {
    private final MappingNode node;
    private String label;
    private final Map<String, NodeTuple> fields = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>();

    Entry(MappingNode node, String label) {
      this.node = node;
      this.label = label;
      for (NodeTuple t : node.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode key)) {
          throw new TestbedFileException(where(t.getKeyNode()) + label + ": field names must be plain words");
        }
        if (fields.put(key.getValue(), t) != null) {
          throw new TestbedFileException(where(key) + label + ": field '" + key.getValue() + "' appears twice");
        }
      }
    }

    TestbedFileException error(String field, String message) {
      NodeTuple t = fields.get(field);
      org.yaml.snakeyaml.nodes.Node at = t != null ? t.getValueNode() : node;
      return new TestbedFileException(where(at) + label + ": field '" + field + "': " + message);
    }

    private Optional<org.yaml.snakeyaml.nodes.Node> value(String field) {
      used.add(field);
      NodeTuple t = fields.get(field);
      if (t == null || (t.getValueNode() instanceof ScalarNode s && s.getTag().equals(Tag.NULL))) {
        return Optional.empty();
      }
      return Optional.of(t.getValueNode());
    }

    Optional<String> optionalString(String field) {
      return value(field).map(v -> {
        if (!(v instanceof ScalarNode s)) {
          throw error(field, "expected a single value");
        }
        return s.getValue();
      });
    }

    String string(String field, String fallback) {
      return optionalString(field).orElse(fallback);
    }

    /** A name field that also becomes part of the entry's label in later messages. */
    String requiredName(String field, Pattern syntax) {
      String value = optionalString(field).orElseThrow(() -> error(field, "missing required field"));
      if (!syntax.matcher(value).matches()) {
        throw error(field, "'" + value + "' is not a valid name (letters, digits, '-', '_', '.', '+'; at most 30; no '/' or blanks)");
      }
      if ("name".equals(field)) {
        label = label + " '" + value + "'";
      }
      return value;
    }

    String project(String field, Set<String> projects, String fallback) {
      String p = string(field, fallback);
      if (!projects.contains(p)) {
        throw error(field, "unknown project '" + p + "' (projects: " + String.join(", ", projects) + ")");
      }
      return p;
    }

    String choice(String field, Set<String> allowed, String fallback) {
      String v = string(field, fallback);
      if (!allowed.contains(v)) {
        throw error(field, "'" + v + "' is not one of " + sorted(allowed));
      }
      return v;
    }

    boolean bool(String field, boolean fallback) {
      return value(field).map(v -> {
        if (v instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
          return Boolean.parseBoolean(s.getValue().toLowerCase(Locale.ROOT)) || s.getValue().equalsIgnoreCase("yes")
              || s.getValue().equalsIgnoreCase("on");
        }
        throw error(field, "expected true or false");
      }).orElse(fallback);
    }

    int integer(String field, int fallback, int min, int max) {
      return value(field).map(v -> {
        long n;
        try {
          n = Long.parseLong(((ScalarNode) v).getValue().replace("_", ""));
        } catch (ClassCastException | NumberFormatException ex) {
          throw error(field, "expected a whole number");
        }
        if (n < min || n > max) {
          throw error(field, n + " is not in " + min + "-" + max);
        }
        return (int) n;
      }).orElse(fallback);
    }

    double decimal(String field, double fallback, double min, double max) {
      return value(field).map(v -> {
        double d;
        try {
          d = Double.parseDouble(((ScalarNode) v).getValue());
        } catch (ClassCastException | NumberFormatException ex) {
          throw error(field, "expected a number");
        }
        if (!(d >= min && d <= max)) {
          throw error(field, d + " is not in " + min + "-" + max);
        }
        return d;
      }).orElse(fallback);
    }

    List<Item> list(String field, boolean required) {
      Optional<org.yaml.snakeyaml.nodes.Node> v = value(field);
      if (v.isEmpty()) {
        if (required) {
          throw error(field, "missing required field");
        }
        return List.of();
      }
      if (!(v.get() instanceof SequenceNode seq)) {
        throw error(field, "expected a list");
      }
      List<Item> items = new ArrayList<>();
      String prefix = "the file".equals(label) ? field : label + ": " + field;
      for (int i = 0; i < seq.getValue().size(); i++) {
        items.add(new Item(seq.getValue().get(i), prefix + "[" + i + "]"));
      }
      return items;
    }

    Map<String, Item> map(String field) {
      Optional<org.yaml.snakeyaml.nodes.Node> v = value(field);
      if (v.isEmpty()) {
        return Map.of();
      }
      if (!(v.get() instanceof MappingNode m)) {
        throw error(field, "expected a mapping");
      }
      Map<String, Item> out = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode key)) {
          throw error(field, "keys must be single values");
        }
        Item item = new Item(t.getValueNode(), label + ": field '" + field + "' key '" + key.getValue() + "'");
        if (out.put(key.getValue(), item) != null) {
          throw item.error("appears twice");
        }
      }
      return out;
    }

    Optional<Entry> optionalEntry(String field) {
      return value(field).map(v -> TestbedFileReader.this.entry(v, field));
    }

    /** Fails on the first field nobody asked for: unknown keys are errors, not silently ignored. */
    void finish() {
      for (Map.Entry<String, NodeTuple> f : fields.entrySet()) {
        if (!used.contains(f.getKey())) {
          throw new TestbedFileException(where(f.getValue().getKeyNode()) + label + ": unknown field '" + f.getKey() + "'");
        }
      }
    }
  }
}
