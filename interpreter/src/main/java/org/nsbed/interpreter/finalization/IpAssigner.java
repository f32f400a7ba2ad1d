package org.nsbed.interpreter.finalization;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.nsbed.grammar.SourcePosition;
import org.nsbed.interpreter.ns.LanLink;
import org.nsbed.interpreter.ns.NsNode;
import org.nsbed.interpreter.value.Ipv4;
import org.nsbed.interpreter.value.ValueException;

/**
 * The reference's IP fill (docs/ns-language.md, "How addresses are assigned"): each link or LAN
 * (LANs joined through bridges count as one) gets one subnet, either the one its user-set addresses
 * lie in or the next free {@code 10.x.y.0}; members without an address get host numbers from 2
 * upward, skipping numbers taken in that subnet. Links to remote (wide-area) nodes get
 * {@code 69.69.k.0/29}.
 *
 * <p>nsbed goes further where the reference fails: a LAN with more members than a /24 holds
 * gets the smallest subnet that fits, with a warning.
 */
final class IpAssigner {

  /** Receives the problems found. */
  interface Problems {
    void error(String command, String message, SourcePosition at);

    void warning(String command, String message, SourcePosition at);
  }

  private final Predicate<NsNode> remote;
  private final Problems problems;
  private final SubnetPool pool = new SubnetPool(10);
  private int remoteSubnets;

  IpAssigner(Predicate<NsNode> remote, Problems problems) {
    this.remote = remote;
    this.problems = problems;
  }

  /** Assigns addresses to every member without one, visiting links and LANs in {@code order}. */
  void assign(List<LanLink> order) {
    List<List<LanLink>> groups = bridgedGroups(order);
    for (List<LanLink> group : groups) {
      Long user = userSubnet(group);
      if (user != null) {
        pool.use(user, prefixOf(group.get(0)));
      }
    }
    for (List<LanLink> group : groups) {
      assignGroup(group);
    }
  }

  /** LANs joined by a bridge node form one subnet; groups are listed in order of first appearance. */
  private static List<List<LanLink>> bridgedGroups(List<LanLink> order) {
    Map<LanLink, List<LanLink>> groupOf = new IdentityHashMap<>();
    List<List<LanLink>> groups = new ArrayList<>();
    for (LanLink l : order) {
      if (groupOf.containsKey(l)) {
        continue;
      }
      List<LanLink> group = new ArrayList<>();
      List<LanLink> pending = new ArrayList<>(List.of(l));
      groupOf.put(l, group);
      while (!pending.isEmpty()) {
        LanLink next = pending.remove(pending.size() - 1);
        group.add(next);
        for (LanLink.Member m : next.members()) {
          if (m.node().isBridge()) {
            for (LanLink.Member other : m.node().interfaces()) {
              if (!groupOf.containsKey(other.lan())) {
                groupOf.put(other.lan(), group);
                pending.add(other.lan());
              }
            }
          }
        }
      }
      groups.add(group);
    }
    return groups;
  }

  private static int prefixOf(LanLink l) {
    return Ipv4.prefixLength(l.mask());
  }

  private Long userSubnet(List<LanLink> group) {
    for (LanLink l : group) {
      for (LanLink.Member m : l.members()) {
        if (m.ip() != null && !remote.test(m.node())) {
          try {
            return Ipv4.parse(m.ip()) & l.mask();
          } catch (ValueException e) {
            return null;
          }
        }
      }
    }
    return null;
  }

  private void assignGroup(List<LanLink> group) {
    LanLink first = group.get(0);
    List<LanLink.Member> members = new ArrayList<>();
    for (LanLink l : group) {
      for (LanLink.Member m : l.members()) {
        if (!m.node().isBridge()) {
          members.add(m);
        }
      }
    }
    if (members.isEmpty()) {
      return;
    }
    boolean anyRemote = members.stream().anyMatch(m -> remote.test(m.node()));
    if (anyRemote) {
      assignRemote(first, group, members);
      return;
    }
    int prefix = prefixOf(first);
    Long subnet = userSubnet(group);
    if (subnet == null) {
      int autoCount = (int) members.stream().filter(m -> m.ip() == null).count();
      if (prefix == 24 && autoCount > 253) {
        prefix = smallestPrefixFor(autoCount);
        long mask = Ipv4.maskOf(prefix);
        for (LanLink l : group) {
          l.mask(mask);
        }
        problems.warning("run", first.name() + " has " + autoCount + " members, more than a /24 holds; it gets a /"
            + prefix + " subnet (" + Ipv4.format(mask) + ").", first.position());
      }
      long allocated = pool.allocate(prefix);
      if (allocated < 0) {
        problems.error("run", "Ran out of subnets.", first.position());
        return;
      }
      subnet = allocated;
    }
    number(first, members, subnet, prefix);
  }

  private static int smallestPrefixFor(int hosts) {
    int prefix = 24;
    while (prefix > 8 && (1L << (32 - prefix)) - 3 < hosts) {
      prefix--;
    }
    return prefix;
  }

  private void number(LanLink first, List<LanLink.Member> members, long subnet, int prefix) {
    long mask = Ipv4.maskOf(prefix);
    long size = 1L << (32 - prefix);
    Set<Long> taken = new HashSet<>();
    for (LanLink.Member m : members) {
      if (m.ip() != null) {
        try {
          long ip = Ipv4.parse(m.ip());
          if ((ip & mask) == subnet) {
            taken.add(ip & ~mask & 0xFFFFFFFFL);
          }
        } catch (ValueException e) {
          // An invalid address was already reported where it was set.
        }
      }
    }
    long host = 2;
    for (LanLink.Member m : members) {
      if (m.ip() != null) {
        continue;
      }
      while (taken.contains(host)) {
        host++;
      }
      if (host >= size - 1) {
        problems.error("run", "Ran out of IP addresses in subnet " + Ipv4.format(subnet) + "/" + prefix + " of "
            + first.name() + ".", first.position());
        m.assignedIp("255.255.255.255");
        continue;
      }
      m.assignedIp(Ipv4.format(subnet | host));
      host++;
    }
  }

  private void assignRemote(LanLink first, List<LanLink> group, List<LanLink.Member> members) {
    for (LanLink.Member m : members) {
      if (m.ip() != null) {
        problems.error("run", "IP address " + m.ip() + " of " + m.node().name() + " in " + m.lan().name()
            + " cannot be set: the link uses remote (wide-area) nodes.", m.ipPosition() != null ? m.ipPosition()
            : first.position());
        return;
      }
    }
    if (group.size() > 1 || first.isLan()) {
      problems.warning("run", "Remote nodes used in LAN " + first.name() + "; no IP addresses are assigned to it.",
          first.position());
      return;
    }
    long mask = Ipv4.maskOf(29);
    if (first.mask() != 0xFFFFFF00L && first.mask() != mask) {
      problems.warning("run", "Ignoring netmask for remote link " + first.name() + "; forcing 255.255.255.248.",
          first.position());
    }
    first.mask(mask);
    remoteSubnets++;
    if (remoteSubnets > 255) {
      problems.error("run", "Ran out of widearea subnets.", first.position());
      return;
    }
    long subnet = (69L << 24) | (69L << 16) | ((long) remoteSubnets << 8);
    long host = 2;
    for (LanLink.Member m : members) {
      m.assignedIp(Ipv4.format(subnet | host++));
    }
  }

}
