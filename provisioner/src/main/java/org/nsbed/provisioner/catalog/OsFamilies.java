package org.nsbed.provisioner.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The OS families an OSID may name (the reference's {@code os_info.OS}) and how long a node
 * running each may take to boot when its OSID does not say: the one table every reader of
 * OSIDs (testbed file, New Image Descriptor form, os_load of a node without an OSID) uses.
 */
public final class OsFamilies {

  /** Boot wait of a node whose OSID is unknown. */
  public static final int UNKNOWN_REBOOT_WAIT_SECONDS = 120;

  private static final Map<String, Integer> REBOOT_WAIT_SECONDS = table();

  private static Map<String, Integer> table() {
    Map<String, Integer> t = new LinkedHashMap<>();
    t.put("Unknown", 60);
    t.put("Linux", 120);
    t.put("Fedora", 120);
    t.put("FreeBSD", 120);
    t.put("NetBSD", 60);
    t.put("OSKit", 60);
    t.put("Windows", 240);
    t.put("TinyOS", 60);
    t.put("Other", 60);
    return Map.copyOf(t);
  }

  /** Every family name. */
  public static final Set<String> NAMES = REBOOT_WAIT_SECONDS.keySet();

  private OsFamilies() {}

  /** Default boot wait of an OSID of family {@code os} (one of {@link #NAMES}). */
  public static int defaultRebootWaitSeconds(String os) {
    Integer wait = REBOOT_WAIT_SECONDS.get(os);
    if (wait == null) {
      throw new IllegalArgumentException("unknown OS family '" + os + "'");
    }
    return wait;
  }
}
