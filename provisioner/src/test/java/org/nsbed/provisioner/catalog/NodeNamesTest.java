package org.nsbed.provisioner.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Lists of nodes in messages stay one readable line whatever the experiment's size. */
class NodeNamesTest {
  private static List<String> nodes(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> "pc" + i).toList();
  }

  @Test
  void aLongListShowsTheFirstNamesInReadingOrderAndCountsTheRest() {
    List<String> shuffled = new java.util.ArrayList<>(nodes(400));
    java.util.Collections.reverse(shuffled);
    assertEquals("pc1, pc2, pc3, pc4, pc5, pc6, pc7, pc8 and 392 more", NodeNames.summary(shuffled));
  }

  @Test
  void aShortListIsShownWhole() {
    assertEquals("pc2, pc10", NodeNames.summary(List.of("pc10", "pc2")));
  }

  @Test
  void reasonsKeepTheirOrderAndCountTheRest() {
    List<String> reasons = new java.util.ArrayList<>(nodes(10).stream().map(n -> n + ": timed out").toList());
    java.util.Collections.reverse(reasons);
    assertEquals("pc10: timed out; pc9: timed out; pc8: timed out; pc7: timed out; pc6: timed out; "
        + "pc5: timed out; pc4: timed out; pc3: timed out; and 2 more", NodeNames.firstOf(reasons, "; "));
  }
}
