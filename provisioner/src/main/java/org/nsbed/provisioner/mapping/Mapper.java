package org.nsbed.provisioner.mapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nsbed.provisioner.catalog.NodeNames;
import org.nsbed.provisioner.mapping.PhysicalNodeOffer.Availability;

/**
 * Maps virtual nodes onto physical nodes: each virtual node gets a distinct node of one of its
 * fitting types, fixed nodes get exactly their node. A maximum bipartite matching (augmenting
 * paths) finds a mapping whenever one exists; if none exists among the available nodes, the same
 * matching against an idle testbed tells "not now" from "never" (the reference re-runs assign on
 * an empty testbed for the same purpose).
 *
 * <p>Which node a virtual node gets, when several fit (docs/lifecycle.md, "Which nodes a swap-in
 * takes"): local nodes before remote ones; among them a node whose disk already holds the image
 * the virtual node would load (unchanged since it was loaded, so no load is needed); then the node
 * idle longest (the earliest
 * {@link PhysicalNodeOffer#idleSince()}, then the name in natural order), so the same history
 * always gives the same choice and use spreads over the nodes instead of wearing out {@code pc1}.
 * A remote node is taken only by a virtual node that asks for one (fixed to it, or naming a
 * remote type), or when no mapping on local nodes exists.
 */
public final class Mapper {
  private static final Pattern TRAILING_NUMBER = Pattern.compile("^(.*?)(\\d+)$");

  /** Orders node names naturally: pc2 before pc10. */
  public static final Comparator<String> NODE_ORDER = (a, b) -> {
    Matcher ma = TRAILING_NUMBER.matcher(a);
    Matcher mb = TRAILING_NUMBER.matcher(b);
    if (ma.matches() && mb.matches() && ma.group(1).equals(mb.group(1))) {
      int c = Long.compare(Long.parseLong(ma.group(2)), Long.parseLong(mb.group(2)));
      if (c != 0) {
        return c;
      }
    }
    return a.compareTo(b);
  };

  /**
   * Finds a mapping.
   *
   * @param demands the virtual nodes
   * @param offers every physical node of the testbed with its availability for this experiment
   * @return virtual node name → physical node name, in the order of {@code demands}
   * @throws MappingFailure if no mapping exists now (or ever)
   */
  public Map<String, String> map(List<VirtualNodeDemand> demands, List<PhysicalNodeOffer> offers)
      throws MappingFailure {
    Map<String, PhysicalNodeOffer> byName = new HashMap<>();
    offers.forEach(o -> byName.put(o.name(), o));
    checkNeverFits(demands, byName);
    checkFixedNodesAvailable(demands, byName);

    List<PhysicalNodeOffer> sorted = new ArrayList<>(offers);
    sorted.sort(PREFERENCE);
    Map<String, String> found = match(demands, sorted, o -> o.availability() == Availability.FREE, false);
    if (found == null) {
      found = match(demands, sorted, o -> o.availability() == Availability.FREE, true);
    }
    if (found != null) {
      return found;
    }
    if (match(demands, sorted, o -> true, true) == null) {
      throw new MappingFailure(MappingFailure.Kind.NEVER,
          "this experiment cannot be instantiated on this testbed: " + shortage(demands, sorted, o -> true));
    }
    throw new MappingFailure(MappingFailure.Kind.NOT_NOW,
        "not enough free nodes right now: " + shortage(demands, sorted, o -> o.availability() == Availability.FREE)
            + "; try again when nodes are released");
  }

  /** Local first, then idle longest, then natural name order. */
  static final Comparator<PhysicalNodeOffer> PREFERENCE = Comparator.comparing(PhysicalNodeOffer::remote)
      .thenComparing(PhysicalNodeOffer::idleSince)
      .thenComparing(PhysicalNodeOffer::name, NODE_ORDER);

  private static void checkNeverFits(List<VirtualNodeDemand> demands, Map<String, PhysicalNodeOffer> byName)
      throws MappingFailure {
    List<String> problems = new ArrayList<>();
    for (VirtualNodeDemand d : demands) {
      if (d.fixed() != null) {
        PhysicalNodeOffer fixed = byName.get(d.fixed());
        if (fixed == null) {
          problems.add(d.vname() + " is fixed to " + d.fixed() + ", which is not a node of this testbed");
        } else if (!d.types().contains(fixed.type())) {
          String why = d.rejected().get(fixed.type());
          problems.add(d.vname() + " is fixed to " + d.fixed() + " (type " + fixed.type() + "), which cannot run it"
              + (why != null ? ": " + why : "; it needs one of " + sorted(d.types())));
        }
      } else if (d.types().isEmpty()) {
        problems.add(d.vname() + ": " + (d.rejected().isEmpty()
            ? "no node type fits"
            : String.join("; ", new TreeMap<>(d.rejected()).values())));
      } else if (byName.values().stream().noneMatch(o -> d.types().contains(o.type()))) {
        problems.add(d.vname() + ": the testbed has no node of type " + String.join(" or ", sorted(d.types())));
      }
    }
    if (!problems.isEmpty()) {
      int shown = 5;
      throw new MappingFailure(MappingFailure.Kind.NEVER, "this experiment cannot be instantiated on this testbed: "
          + (problems.size() <= shown ? String.join("; ", problems)
              : String.join("; ", problems.subList(0, shown)) + "; and " + (problems.size() - shown)
                  + " more like these"));
    }
  }

  private static void checkFixedNodesAvailable(List<VirtualNodeDemand> demands, Map<String, PhysicalNodeOffer> byName)
      throws MappingFailure {
    Map<String, String> fixedBy = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (VirtualNodeDemand d : demands) {
      if (d.fixed() == null) {
        continue;
      }
      String other = fixedBy.putIfAbsent(d.fixed(), d.vname());
      if (other != null) {
        throw new MappingFailure(MappingFailure.Kind.NEVER,
            other + " and " + d.vname() + " are both fixed to " + d.fixed());
      }
      Availability a = byName.get(d.fixed()).availability();
      if (a != Availability.FREE) {
        problems.add(d.vname() + " is fixed to " + d.fixed() + ", which is " + describe(a));
      }
    }
    if (!problems.isEmpty()) {
      throw new MappingFailure(MappingFailure.Kind.NOT_NOW, String.join("; ", problems));
    }
  }

  private static String describe(Availability a) {
    return switch (a) {
      case BUSY -> "in use by another experiment";
      case DOWN -> "down";
      case EXCLUDED -> "the node that just failed";
      case FREE -> "free";
    };
  }

  /**
   * Maximum matching by augmenting paths; null unless every demand is matched. Without
   * {@code anyRemote}, only demands that ask for remote nodes (or are fixed) may use them.
   */
  private static Map<String, String> match(List<VirtualNodeDemand> demands, List<PhysicalNodeOffer> offers,
      Predicate<PhysicalNodeOffer> usable, boolean anyRemote) {
    List<VirtualNodeDemand> order = new ArrayList<>(demands);
    Map<VirtualNodeDemand, Candidates> candidates = new HashMap<>();
    // Virtual nodes that ask for the same thing share one candidate list: a thousand nodes of two
    // OSes sort the offers twice, not a thousand times.
    Map<CandidateKey, Candidates> lists = new HashMap<>();
    for (VirtualNodeDemand d : demands) {
      candidates.put(d, lists.computeIfAbsent(new CandidateKey(d), k -> new Candidates(offers.stream()
          .filter(usable)
          .filter(o -> d.fixed() == null ? d.types().contains(o.type()) : o.name().equals(d.fixed()))
          .filter(o -> anyRemote || !o.remote() || d.fixed() != null || d.asksForRemote())
          // Stable: within local (then remote) nodes, those already holding the image come first.
          .sorted(Comparator.comparing(PhysicalNodeOffer::remote).thenComparing(o -> !d.findsItsImageOn(o)))
          .toList())));
    }
    // Most constrained first keeps augmenting paths short.
    order.sort(Comparator.comparingInt(d -> candidates.get(d).offers().size()));
    Map<String, VirtualNodeDemand> owner = new HashMap<>();
    for (VirtualNodeDemand d : order) {
      if (!augment(d, candidates, owner, new java.util.HashSet<>())) {
        return null;
      }
    }
    Map<String, String> byVname = new HashMap<>();
    owner.forEach((pnode, d) -> byVname.put(d.vname(), pnode));
    Map<String, String> result = new LinkedHashMap<>();
    demands.forEach(d -> result.put(d.vname(), byVname.get(d.vname())));
    return result;
  }

  /** What a virtual node's candidate list depends on. */
  private record CandidateKey(Set<String> types, String fixed, boolean asksForRemote, Map<String, String> wantedImages) {
    CandidateKey(VirtualNodeDemand d) {
      this(d.types(), d.fixed(), d.asksForRemote(), d.wantedImages());
    }
  }

  /**
   * A candidate list in order of preference, and how many of its first offers are taken. A node
   * once taken stays taken while a matching runs (an augmenting path only moves it to another
   * virtual node), so the search for a free one starts after them: linear in the node count,
   * where scanning from the start for every virtual node would be quadratic.
   */
  private static final class Candidates {
    private final List<PhysicalNodeOffer> offers;
    private int taken;

    Candidates(List<PhysicalNodeOffer> offers) {
      this.offers = offers;
    }

    List<PhysicalNodeOffer> offers() {
      return offers;
    }

    /** Where the first offer not taken may be. */
    int firstFree(Map<String, VirtualNodeDemand> owner) {
      while (taken < offers.size() && owner.containsKey(offers.get(taken).name())) {
        taken++;
      }
      return taken;
    }
  }

  private static boolean augment(
      VirtualNodeDemand d,
      Map<VirtualNodeDemand, Candidates> candidates,
      Map<String, VirtualNodeDemand> owner,
      Set<String> visited) {
    // A free node first (keeps earlier choices and the natural node order), then an augmenting path.
    Candidates c = candidates.get(d);
    List<PhysicalNodeOffer> offers = c.offers();
    for (int i = c.firstFree(owner); i < offers.size(); i++) {
      PhysicalNodeOffer o = offers.get(i);
      if (!owner.containsKey(o.name()) && visited.add(o.name())) {
        owner.put(o.name(), d);
        return true;
      }
    }
    for (PhysicalNodeOffer o : offers) {
      if (!visited.add(o.name())) {
        continue;
      }
      VirtualNodeDemand current = owner.get(o.name());
      if (current == null || augment(current, candidates, owner, visited)) {
        owner.put(o.name(), d);
        return true;
      }
    }
    return false;
  }

  /** Names the node types that run short: how many virtual nodes want them and how many there are. */
  private static String shortage(
      List<VirtualNodeDemand> demands, List<PhysicalNodeOffer> offers, Predicate<PhysicalNodeOffer> usable) {
    Map<Set<String>, List<String>> byTypes = new LinkedHashMap<>();
    for (VirtualNodeDemand d : demands) {
      if (d.fixed() == null) {
        byTypes.computeIfAbsent(d.types(), k -> new ArrayList<>()).add(d.vname());
      }
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<Set<String>, List<String>> e : byTypes.entrySet()) {
      long have = offers.stream().filter(usable).filter(o -> e.getKey().contains(o.type())).count();
      long total = offers.stream().filter(o -> e.getKey().contains(o.type())).count();
      parts.add(e.getValue().size() + " node(s) of type " + String.join(" or ", sorted(e.getKey())) + " wanted, "
          + have + " of " + total + " available (" + NodeNames.summary(e.getValue()) + ")");
    }
    return String.join("; ", parts);
  }

  private static List<String> sorted(Set<String> s) {
    return List.copyOf(new TreeSet<>(s));
  }
}
