package org.nsbed.interpreter.finalization;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.nsbed.interpreter.value.Ipv4;

/**
 * The subnets of an experiment: those in use, and the next free one of a given size in the
 * reference's search order (second octet outermost, then third, then fourth, from
 * {@code <base>.1.1.0} for a /24).
 *
 * <p>Allocation is amortized constant time: subnets are never released, so a candidate found
 * taken stays taken and each size keeps a cursor into its candidate sequence; overlap with
 * subnets of other sizes is checked through per-size sets of truncated networks.
 */
final class SubnetPool {

  private final int base;
  private final Map<Integer, Set<Long>> used = new HashMap<>();
  private final Map<Integer, Map<Integer, Set<Long>>> truncated = new HashMap<>();
  private final Map<Integer, long[]> cursors = new HashMap<>();

  /** @param base the first octet of allocated subnets (the reference's IPBASE, 10) */
  SubnetPool(int base) {
    this.base = base;
  }

  /** Marks a subnet as used. */
  void use(long network, int prefix) {
    long net = network & Ipv4.maskOf(prefix);
    if (!used.computeIfAbsent(prefix, k -> new HashSet<>()).add(net)) {
      return;
    }
    Map<Integer, Set<Long>> derived = truncated.get(prefix);
    if (derived != null) {
      for (Map.Entry<Integer, Set<Long>> e : derived.entrySet()) {
        e.getValue().add(net & Ipv4.maskOf(e.getKey()));
      }
    }
  }

  /** True if the subnet overlaps one in use. */
  boolean overlaps(long network, int prefix) {
    for (Map.Entry<Integer, Set<Long>> e : used.entrySet()) {
      int q = e.getKey();
      if (q <= prefix) {
        if (e.getValue().contains(network & Ipv4.maskOf(q))) {
          return true;
        }
      } else if (truncatedSet(q, prefix).contains(network & Ipv4.maskOf(prefix))) {
        return true;
      }
    }
    return false;
  }

  private Set<Long> truncatedSet(int q, int prefix) {
    return truncated.computeIfAbsent(q, k -> new HashMap<>()).computeIfAbsent(prefix, p -> {
      Set<Long> s = new HashSet<>();
      long m = Ipv4.maskOf(p);
      for (long n : used.get(q)) {
        s.add(n & m);
      }
      return s;
    });
  }

  /** Allocates the first free subnet of this size, or returns -1 if none is left. */
  long allocate(int prefix) {
    long mask = Ipv4.maskOf(prefix);
    int mask3 = (int) ((mask >> 8) & 255);
    int mask4 = (int) (mask & 255);
    int s3 = mask3 == 0 ? 256 : 256 - mask3;
    int s4 = mask4 == 0 ? 256 : 256 - mask4;
    int first3 = mask3 == 0 ? 0 : s3;
    int first4 = mask4 == 0 ? 0 : s4;
    // cursor: {second, third, fourth}
    long[] c = cursors.computeIfAbsent(prefix, k -> new long[] {1, first3, first4});
    while (c[0] <= 253) {
      while (c[1] < 255 || (mask3 == 0 && c[1] == 0)) {
        while (c[2] < 255 || (mask4 == 0 && c[2] == 0)) {
          long candidate = ((long) base << 24) | (c[0] << 16) | (c[1] << 8) | c[2];
          c[2] += s4;
          if (!overlaps(candidate, prefix)) {
            use(candidate, prefix);
            return candidate;
          }
        }
        c[2] = first4;
        c[1] += s3;
      }
      c[1] = first3;
      c[0]++;
    }
    return -1;
  }
}
