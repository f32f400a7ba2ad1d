package org.nsbed.interpreter.finalization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TclHashOrderTest {

  @Test
  void keysComeOutInTclBucketOrder() {
    TclHashOrder t = new TclHashOrder();
    for (String k : List.of("a", "b", "c", "d")) {
      t.insert(k);
    }
    // 4 buckets: 'a'=97 -> 1, 'b' -> 2, 'c' -> 3, 'd'=100 -> 0.
    assertEquals(List.of("d", "a", "b", "c"), t.keys());
  }

  @Test
  void newEntriesGoToTheFrontOfTheirBucket() {
    TclHashOrder t = new TclHashOrder();
    t.insert("a");
    t.insert("e");
    assertEquals(List.of("e", "a"), t.keys());
  }

  @Test
  void renamesReplayAsDeleteAndInsert() {
    TclHashOrder t = new TclHashOrder();
    t.insert("tblink-l1");
    t.delete("tblink-l1");
    t.insert("link1");
    assertEquals(List.of("link1"), t.keys());
  }

  @Test
  void theTableGrowsFourfoldAtThreeEntriesPerBucket() {
    TclHashOrder t = new TclHashOrder();
    for (int i = 0; i < 12; i++) {
      t.insert("k" + i);
    }
    assertEquals(12, t.keys().size());
    // After growing to 16 buckets the order is by (hash & 15), chains front to back.
    List<String> keys = t.keys();
    for (int i = 1; i < keys.size(); i++) {
      assertEquals(true, (TclHashOrder.hash(keys.get(i - 1)) & 15) <= (TclHashOrder.hash(keys.get(i)) & 15));
    }
  }
}
