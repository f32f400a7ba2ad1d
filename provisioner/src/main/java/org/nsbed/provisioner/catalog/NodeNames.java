package org.nsbed.provisioner.catalog;

/** Orders node names the way people read them: {@code pc2} before {@code pc10}. */
public final class NodeNames {

  /** How many names {@link #summary(java.util.Collection)} shows before it counts the rest. */
  public static final int SHOWN = 8;

  private NodeNames() {}

  /**
   * The names in reading order, joined with commas; a longer list shows the first {@value #SHOWN}
   * and how many more there are ({@code pc1, pc2, ..., pc8 and 92 more}), so a message stays one
   * readable line whatever the size of the experiment.
   */
  public static String summary(java.util.Collection<String> names) {
    java.util.List<String> sorted = names.stream().sorted(NodeNames::compare).toList();
    if (sorted.size() <= SHOWN) {
      return String.join(", ", sorted);
    }
    return String.join(", ", sorted.subList(0, SHOWN)) + " and " + (sorted.size() - SHOWN) + " more";
  }

  /**
   * The first {@value #SHOWN} items in the order given, joined with {@code separator}, and how many
   * more there are ({@code pc1: timed out; ...; pc8: timed out; and 92 more}): for lists of
   * per-node reasons, whose order means something.
   */
  public static String firstOf(java.util.List<String> items, String separator) {
    if (items.size() <= SHOWN) {
      return String.join(separator, items);
    }
    return String.join(separator, items.subList(0, SHOWN)) + separator + "and " + (items.size() - SHOWN) + " more";
  }

  /** Compares names by their non-digit prefix, then by the number that follows, then as text. */
  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb)) {
        int si = i;
        int sj = j;
        while (i < a.length() && Character.isDigit(a.charAt(i))) {
          i++;
        }
        while (j < b.length() && Character.isDigit(b.charAt(j))) {
          j++;
        }
        String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
        String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
        int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
        if (c != 0) {
          return c;
        }
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    int c = Integer.compare(a.length() - i, b.length() - j);
    return c != 0 ? c : a.compareTo(b);
  }
}
