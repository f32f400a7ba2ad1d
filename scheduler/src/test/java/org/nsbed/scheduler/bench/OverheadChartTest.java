package org.nsbed.scheduler.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's chart of overhead against node count. */
class OverheadChartTest {
  private static final List<OverheadChart.Point> POINTS = List.of(new OverheadChart.Point(50, 0.2),
      new OverheadChart.Point(200, 0.6), new OverheadChart.Point(1000, 2.5));

  @Test
  void drawsOnePointLabelledWithItsNodeCountPerMeasurement() {
    String svg = OverheadChart.svg(POINTS, "H2");
    assertEquals(3, svg.split("<circle ", -1).length - 1);
    assertTrue(svg.contains(">50</text>") && svg.contains(">200</text>") && svg.contains(">1000</text>"), svg);
  }

  @Test
  void theLargestOverheadFitsUnderTheTopOfTheAxis() {
    assertEquals(5.0, OverheadChart.niceCeiling(2.5));
    assertTrue(OverheadChart.svg(POINTS, "H2").contains(">5 s</text>"));
  }

  @Test
  void theTitleIsEscaped() {
    assertTrue(OverheadChart.svg(POINTS, "a <b> & c").contains("a &lt;b&gt; &amp; c"));
  }

  @Test
  void aChartWithoutPointsIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> OverheadChart.svg(List.of(), "H2"));
  }
}
