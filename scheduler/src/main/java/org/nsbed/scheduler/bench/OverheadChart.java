package org.nsbed.scheduler.bench;

import java.util.List;
import java.util.Locale;

/**
 * A small SVG line chart of the swap-in benchmark's median control-plane overhead against the
 * node count, with a dashed line through the origin and the first point: where the points would
 * lie if the overhead per node stayed what it was for the smallest experiment.
 */
public final class OverheadChart {
  private static final int WIDTH = 480;
  private static final int HEIGHT = 300;
  private static final int LEFT = 60;
  private static final int RIGHT = 20;
  private static final int TOP = 30;
  private static final int BOTTOM = 45;

  /** One point: the node count and its median overhead in seconds. */
  public record Point(int nodes, double overheadSeconds) {}

  private OverheadChart() {}

  /** The chart as an SVG document; {@code title} names the database and the machine's load. */
  public static String svg(List<Point> points, String title) {
    if (points.isEmpty()) {
      throw new IllegalArgumentException("a chart needs at least one point");
    }
    int maxNodes = points.stream().mapToInt(Point::nodes).max().orElseThrow();
    double maxSeconds = Math.max(0.1, points.stream().mapToDouble(Point::overheadSeconds).max().orElseThrow());
    double yTop = niceCeiling(maxSeconds);
    double plotW = WIDTH - LEFT - RIGHT;
    double plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, HEIGHT));
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"13\">%s</text>%n", LEFT, escape(title)));
    b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
        LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
    b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
        LEFT, TOP, LEFT, HEIGHT - BOTTOM));
    for (int i = 0; i <= 4; i++) {
      double v = yTop * i / 4;
      double y = HEIGHT - BOTTOM - plotH * i / 4;
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s s</text>%n",
          LEFT - 6, y + 4, trim(v)));
      b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
          LEFT + 1, y, WIDTH - RIGHT, y));
    }
    StringBuilder line = new StringBuilder();
    for (Point p : points) {
      double x = LEFT + plotW * p.nodes() / maxNodes;
      double y = HEIGHT - BOTTOM - plotH * Math.min(1, p.overheadSeconds() / yTop);
      line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"steelblue\"/>%n", x, y));
      b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
          x, HEIGHT - BOTTOM + 15, p.nodes()));
    }
    b.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"steelblue\" "
        + "stroke-width=\"2\"/>%n", line.toString().trim()));
    Point first = points.get(0);
    double perNode = first.overheadSeconds() / first.nodes();
    double xEnd = LEFT + plotW;
    double yEnd = HEIGHT - BOTTOM - plotH * Math.min(1, perNode * maxNodes / yTop);
    b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"gray\" "
        + "stroke-dasharray=\"4 3\"/>%n", LEFT, HEIGHT - BOTTOM, xEnd, yEnd));
    b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">nodes</text>%n",
        LEFT + plotW / 2, HEIGHT - 8));
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"gray\">dashed: overhead per node of %d nodes, "
        + "kept constant</text>%n", LEFT + 8, TOP + 12, first.nodes()));
    b.append("</svg>\n");
    return b.toString();
  }

  /** 1, 2 or 5 times a power of ten, at least {@code v}. */
  static double niceCeiling(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String trim(double v) {
    return String.format(Locale.ROOT, "%.2f", v).replaceAll("\\.?0+$", "");
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
