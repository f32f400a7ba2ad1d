package org.nsbed.loader.multicast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
  private static BitSet blocks(int... b) {
    BitSet s = new BitSet();
    for (int i : b) {
      s.set(i);
    }
    return s;
  }

  @Test
  void requestsForAQueuedPieceAreMergedNotQueuedTwice() throws Exception {
    WorkQueue q = new WorkQueue();
    assertTrue(q.add(7, blocks(0, 1)));
    assertFalse(q.add(7, blocks(1)), "nothing new");
    assertTrue(q.add(7, blocks(5)), "a new block is merged in");
    assertTrue(q.add(3, blocks(0)));
    assertEquals(2, q.size());
    WorkQueue.Work w = q.take(0, TimeUnit.MILLISECONDS);
    assertEquals(7, w.piece());
    assertEquals(blocks(0, 1, 5), w.blocks());
    assertEquals(3, q.take(0, TimeUnit.MILLISECONDS).piece());
    assertNull(q.take(1, TimeUnit.MILLISECONDS));
  }

  @Test
  void blocksStillAheadOfTheSenderAreNotQueuedAgainButSentOnesAre() throws Exception {
    WorkQueue q = new WorkQueue();
    q.add(2, blocks(0, 1, 2, 3));
    q.take(0, TimeUnit.MILLISECONDS);
    q.sent(0, 0);
    q.sent(1, 0);
    assertFalse(q.add(2, blocks(2, 3)), "blocks 2 and 3 are about to be sent");
    assertTrue(q.add(2, blocks(0, 3)), "block 0 went by already");
    q.done();
    assertEquals(blocks(0), q.take(0, TimeUnit.MILLISECONDS).blocks());
  }

  @Test
  void blocksSentMomentsAgoAreNotQueuedAgainForABitmapRequest() throws Exception {
    long ms = TimeUnit.MILLISECONDS.toNanos(1);
    WorkQueue q = new WorkQueue();
    q.add(2, blocks(0, 1, 2, 3));
    q.take(0, TimeUnit.MILLISECONDS);
    for (int b = 0; b < 4; b++) {
      q.sent(b, 10 * ms);
    }
    q.done();
    assertFalse(q.addMissing(2, blocks(1, 3), 10 * ms + WorkQueue.RECENT_BLOCK_NANOS - ms), "the request crossed them");
    assertTrue(q.addMissing(2, blocks(1, 3, 5), 10 * ms + WorkQueue.RECENT_BLOCK_NANOS), "block 5 was not sent");
    assertEquals(blocks(5), q.take(0, TimeUnit.MILLISECONDS).blocks());
    q.done();
    assertTrue(q.addMissing(2, blocks(1, 3), 10 * ms + 2 * WorkQueue.RECENT_BLOCK_NANOS), "long enough ago: lost");
    assertEquals(blocks(1, 3), q.take(0, TimeUnit.MILLISECONDS).blocks());
  }

  @Test
  void anUrgentPieceIsSentBeforeEverythingQueuedEarlier() throws Exception {
    WorkQueue q = new WorkQueue();
    q.add(1, blocks(0));
    q.add(2, blocks(0));
    assertTrue(q.add(9, blocks(0), true));
    assertFalse(q.add(9, blocks(0), true), "merged, not queued twice");
    assertEquals(3, q.size());
    assertEquals(9, q.take(0, TimeUnit.MILLISECONDS).piece());
    q.done();
    assertEquals(1, q.take(0, TimeUnit.MILLISECONDS).piece());
    q.done();
    assertEquals(2, q.take(0, TimeUnit.MILLISECONDS).piece());
  }

  @Test
  void aWholePieceRequestWhileItIsBeingSentOrJustAfterIsDroppedButLaterOnesAreServed() throws Exception {
    WorkQueue q = new WorkQueue();
    long recent = TimeUnit.MILLISECONDS.toNanos(250);
    assertTrue(q.addWhole(4, blocks(0, 1, 2), 0, recent));
    q.take(0, TimeUnit.MILLISECONDS);
    q.sent(0, 0);
    assertFalse(q.addWhole(4, blocks(0, 1, 2), 1, recent), "crossed the blocks being sent");
    assertTrue(q.add(4, blocks(0)), "a bitmap request for a block that went by is still served");
    q.sent(1, 0);
    q.sent(2, 0);
    q.sentWhole(4, 10);
    q.done();
    assertEquals(blocks(0), q.take(0, TimeUnit.MILLISECONDS).blocks());
    q.done();
    assertFalse(q.addWhole(4, blocks(0, 1, 2), 10 + recent - 1, recent), "just sent whole");
    assertEquals(0, q.size());
    assertTrue(q.addWhole(4, blocks(0, 1, 2), 10 + recent, recent), "asked again later: served");
    assertEquals(blocks(0, 1, 2), q.take(0, TimeUnit.MILLISECONDS).blocks());
  }
}
