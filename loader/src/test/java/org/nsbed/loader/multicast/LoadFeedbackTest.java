package org.nsbed.loader.multicast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a client tells the server, at times the test chooses. */
class LoadFeedbackTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private final LoadFeedback feedback = new LoadFeedback(64);

  @Test
  void gapsInTheServersSequenceNumbersAreCountedAsLost() {
    feedback.sequence(1, 0);
    feedback.sequence(2, 0);
    feedback.sequence(6, 0);
    assertEquals(3, feedback.lostDatagrams());
  }

  @Test
  void eightDatagramsLostInARowAreReportedAsCongestionOnce() {
    feedback.sequence(1, 0);
    feedback.sequence(2 + LoadFeedback.CONGESTION_RUN - 1, 0);
    assertFalse(feedback.takeLoss(), "seven in a row");
    feedback.sequence(2 + 2 * LoadFeedback.CONGESTION_RUN, 0);
    assertTrue(feedback.takeLoss(), "eight in a row: a queue overflowed");
    assertFalse(feedback.takeLoss(), "reported with one message");
  }

  @Test
  void scatteredLossOfAFewPercentIsNotReported() {
    int seq = 0;
    feedback.sequence(seq, 0);
    for (int i = 0; i < 10_000; i++) {
      seq += i % 10 == 0 ? 2 : 1;
      feedback.sequence(seq, 0);
    }
    assertEquals(1000, feedback.lostDatagrams());
    assertFalse(feedback.takeLoss(), "9 % lost, one at a time: a lossy link, not congestion");
  }

  @Test
  void scatteredLossOfMoreThanAFifthIsReported() {
    int seq = 0;
    for (int i = 0; i < LoadFeedback.STRETCH_DATAGRAMS; i++) {
      seq += i % 3 == 0 ? 2 : 1;
      feedback.sequence(seq, 0);
    }
    assertTrue(feedback.takeLoss(), "a quarter lost");
  }

  @Test
  void theWindowIsHalfTheReceiveBufferAsTheKernelCountsDatagrams() {
    assertEquals((4 << 20) / 2 / 2304, LoadFeedback.windowBlocks(4 << 20, 1024), "1 KiB blocks cost 2,304 bytes each");
    assertEquals((8 << 20) / 2 / (64512 + 4096), LoadFeedback.windowBlocks(8 << 20, 64512), "63 KiB blocks a page more");
    assertEquals(4, LoadFeedback.windowBlocks(16 << 10, 1024), "at least four");
  }

  @Test
  void aSlowReportGoesOutAtMostEveryTwentyMilliseconds() {
    assertTrue(feedback.slowDue(100 * MS, true, 0));
    assertFalse(feedback.slowDue(119 * MS, true, 0));
    assertTrue(feedback.slowDue(120 * MS, true, 0));
    assertFalse(feedback.slowDue(200 * MS, false, 0), "nothing to report");
    assertTrue(feedback.slowDue(200 * MS, false, LoadFeedback.BACKLOG_CHUNKS), "chunks waiting to be written");
  }

  @Test
  void readsAreAcknowledgedAtTheEndOfABurstOnceHalfTheWindowCameIn() {
    feedback.window(40);
    feedback.sequence(0, 0);
    assertTrue(feedback.ackDue(0, true, 0), "the first read is acknowledged");
    assertEquals(0, feedback.ackedSeq());
    feedback.sequence(19, MS);
    assertFalse(feedback.ackDue(MS, true, 0), "19 of 40 is less than half");
    feedback.sequence(20, MS);
    assertTrue(feedback.ackDue(MS, true, 0));
    assertEquals(20, feedback.ackedSeq());
  }

  @Test
  void whenBlocksStopComingWhatWasReadIsAcknowledgedAtTheNextTick() {
    feedback.window(40);
    feedback.sequence(0, 0);
    feedback.ackDue(0, true, 0);
    feedback.sequence(3, 10 * MS);
    assertFalse(feedback.ackDue(12 * MS, false, 0), "blocks are still coming");
    assertTrue(feedback.ackDue(15 * MS, false, 0), "none for a tick: the server may be waiting");
    assertEquals(3, feedback.ackedSeq());
  }

  @Test
  void whileNoBlocksComeTheLastAckIsRepeatedInCaseItWasLost() {
    feedback.window(40);
    feedback.sequence(7, 0);
    assertTrue(feedback.ackDue(0, true, 0));
    assertFalse(feedback.ackDue(LoadFeedback.ACK_REPEAT_NANOS - MS, false, 0));
    assertTrue(feedback.ackDue(LoadFeedback.ACK_REPEAT_NANOS, false, 0), "the server may still be waiting for it");
    assertEquals(7, feedback.ackedSeq());
    feedback.sequence(8, LoadFeedback.ACK_REPEAT_NANOS + MS);
    assertFalse(feedback.ackDue(2 * LoadFeedback.ACK_REPEAT_NANOS, true, 0), "blocks come again: half the window first");
  }

  @Test
  void aClientBehindWithItsWritingAcknowledgesNothingNewButKeepsTheServerWaiting() {
    feedback.window(40);
    feedback.sequence(5, 0);
    feedback.ackDue(0, true, 0);
    feedback.sequence(30, MS);
    assertFalse(feedback.ackDue(2 * MS, true, LoadFeedback.BACKLOG_CHUNKS));
    assertFalse(feedback.ackDue(50 * MS, false, LoadFeedback.BACKLOG_CHUNKS));
    assertTrue(feedback.ackDue(100 * MS, false, LoadFeedback.BACKLOG_CHUNKS), "keepalive");
    assertEquals(5, feedback.ackedSeq(), "the same grant again");
    assertTrue(feedback.ackDue(106 * MS, false, 0), "caught up: the reads are acknowledged");
    assertEquals(30, feedback.ackedSeq());
  }
}
