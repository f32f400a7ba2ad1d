package org.nsbed.server.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The swap-in timeline chart: for each node a bar for its disk load and, after it, a bar for its
 * boot, on one time axis from the start of the swap-in. Drawn as SVG by the page; the numbers
 * here are SVG user units.
 */
public record Timeline(List<Row> rows, List<Tick> ticks, int height) {
  static final int LABEL = 150;
  static final int WIDTH = 820;
  static final int ROW = 30;
  static final int TOP = 8;

  /** One node: its name, and the bars (width 0 when that phase has no time yet). */
  public record Row(String name, int y, int loadX, int loadWidth, int bootX, int bootWidth, boolean failed,
      String title) {}

  /** One mark of the time axis. */
  public record Tick(int x, String label) {}

  static Timeline of(List<NodeRow> nodes) {
    double longest = 0;
    for (NodeRow n : nodes) {
      longest = Math.max(longest, value(n.loadSeconds()) + value(n.bootSeconds()));
    }
    double step = step(longest);
    double span = Math.max(step, Math.ceil(longest / step) * step);
    double scale = (WIDTH - LABEL - 10) / span;
    List<Row> rows = new ArrayList<>();
    int y = TOP;
    for (NodeRow n : nodes) {
      int load = (int) Math.round(value(n.loadSeconds()) * scale);
      int boot = (int) Math.round(value(n.bootSeconds()) * scale);
      rows.add(new Row(n.name(), y, LABEL, load, LABEL + load, boot, n.status().equals("failed"),
          n.name() + ": load " + seconds(n.loadSeconds()) + ", boot " + seconds(n.bootSeconds()) + " (" + n.status()
              + ")"));
      y += ROW;
    }
    List<Tick> ticks = new ArrayList<>();
    for (double t = 0; t <= span + 1e-9; t += step) {
      ticks.add(new Tick(LABEL + (int) Math.round(t * scale), String.format(Locale.ROOT, "%.0f s", t)));
    }
    return new Timeline(rows, ticks, y + 26);
  }

  public boolean empty() {
    return rows.stream().allMatch(r -> r.loadWidth() == 0 && r.bootWidth() == 0);
  }

  public int width() {
    return WIDTH;
  }

  public int axisY() {
    return height - 22;
  }

  private static double value(Double seconds) {
    return seconds == null ? 0 : seconds;
  }

  private static String seconds(Double s) {
    return s == null ? "-" : String.format(Locale.ROOT, "%.1f s", s);
  }

  /** A round step giving about five marks. */
  private static double step(double longest) {
    for (double s : new double[] {1, 2, 5, 10, 15, 30, 60, 120, 300, 600}) {
      if (longest / s <= 6) {
        return s;
      }
    }
    return 1200;
  }
}
