package org.nsbed.scheduler.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;

/**
 * The table that ends every long operation and its notification: node, physical node, OS, image,
 * load time, boot result, failure action, reason.
 */
public final class SummaryTable {
  private static final String[] HEADER = {"node", "physical", "OS", "image", "load", "boot", "failure action", "reason"};

  private SummaryTable() {}

  /** Renders the rows as an aligned plain-text table. */
  public static String render(List<ExperimentNode> nodes) {
    List<String[]> lines = new ArrayList<>();
    lines.add(HEADER);
    for (ExperimentNode n : nodes) {
      lines.add(new String[] {
        n.vname(),
        orDash(n.physical()),
        orDash(n.osid()),
        orDash(n.image()),
        n.loadSkipped() ? "already loaded"
            : n.loadMs() == null ? "-" : String.format(Locale.ROOT, "%.2f s", n.loadMs() / 1000.0),
        n.status().label(),
        n.failureAction().label(),
        n.reason() == null ? "" : n.reason()
      });
    }
    int[] width = new int[HEADER.length];
    for (String[] l : lines) {
      for (int i = 0; i < l.length; i++) {
        width[i] = Math.max(width[i], l[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] l : lines) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < l.length; i++) {
        line.append(i == l.length - 1 ? l[i] : String.format("%-" + width[i] + "s  ", l[i]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }
}
