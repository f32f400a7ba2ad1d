package org.nsbed.loader.multicast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a client asks for and when, at times the test chooses: no sockets, no waiting. */
class RequestSchedulerTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final int CHUNKS = 20;
  private static final int BLOCK = 1024;

  private record Asked(int piece, BitSet blocks) {}

  private final List<Asked> asked = new ArrayList<>();
  private RequestScheduler scheduler;

  @BeforeEach
  void plan() {
    scheduler = new RequestScheduler(new Piece(CHUNKS, 2 * BLOCK, BLOCK), 64,
        (piece, bitmap) -> asked.add(new Asked(piece, BitSet.valueOf(bitmap))), 0);
    scheduler.plan(CHUNKS, i -> 4 * BLOCK, new BitSet(), new SplittableRandom(1));
  }

  private List<Integer> wholeRequests() {
    return asked.stream().filter(a -> a.blocks().isEmpty()).map(Asked::piece).toList();
  }

  /** A block of {@code p} arrives at {@code now}. */
  private void arrives(Piece p, int block, long now) {
    scheduler.heard(p, now);
    if (p.state != Piece.State.FILLING) {
      p.startFilling(ByteBuffer.allocate(p.length));
      scheduler.filling(p);
    }
    p.put(block, Unpooled.wrappedBuffer(new byte[BLOCK]));
  }

  @Test
  void atMostEightChunksAreAskedForAtOnce() {
    scheduler.requestMore(0, 0);
    assertEquals(RequestScheduler.MAX_IN_PROGRESS, wholeRequests().size());
    asked.clear();
    scheduler.requestMore(MS, 0);
    assertEquals(List.of(), asked, "nothing more while eight are in progress");
  }

  @Test
  void aChunkSomeoneElseAskedForIsNotAskedForAgainWithinHalfASecond() {
    for (int i = 0; i < CHUNKS; i++) {
      scheduler.overheard(i, new byte[0], 0);
    }
    scheduler.requestMore(MS, 0);
    scheduler.requestMore(RequestScheduler.REDO_REQUESTED_NANOS, 0);
    assertEquals(List.of(), asked);
    scheduler.requestMore(RequestScheduler.REDO_REQUESTED_NANOS + MS, 0);
    scheduler.requestMore(RequestScheduler.REDO_REQUESTED_NANOS + 2 * MS, 0);
    assertEquals(RequestScheduler.MAX_IN_PROGRESS, wholeRequests().size(), "overheard long enough ago: asked for");
  }

  @Test
  void theGapsOfAChunkAreAskedForByBitmapAsSoonAsTheServerMovesOnToAnotherPiece() {
    Piece a = scheduler.piece(3);
    arrives(a, 0, 10 * MS);
    arrives(a, 2, 10 * MS);
    scheduler.requestMore(11 * MS, 0);
    asked.clear();
    scheduler.requestMore(12 * MS, 0);
    assertTrue(asked.stream().noneMatch(x -> x.piece() == 3), "still arriving: no gaps asked for yet");
    arrives(scheduler.piece(4), 0, 13 * MS);
    scheduler.requestMore(14 * MS, 0);
    BitSet gaps = new BitSet();
    gaps.set(1);
    gaps.set(3);
    assertTrue(asked.contains(new Asked(3, gaps)), "asked for blocks 1 and 3 of chunk 3: " + asked);
  }

  @Test
  void whenNoBlockHasArrivedForFiftyMillisecondsTheGapsAreAskedFor() {
    Piece a = scheduler.piece(5);
    arrives(a, 1, 10 * MS);
    scheduler.requestMore(10 * MS, 0);
    asked.clear();
    scheduler.requestMore(10 * MS + RequestScheduler.IDLE_NANOS, 0);
    assertTrue(asked.stream().noneMatch(x -> x.piece() == 5), "quiet for exactly 50 ms: not yet");
    scheduler.requestMore(11 * MS + RequestScheduler.IDLE_NANOS, 0);
    BitSet gaps = new BitSet();
    gaps.set(0);
    gaps.set(2, 4);
    assertTrue(asked.contains(new Asked(5, gaps)), "the server went quiet: " + asked);
  }

  @Test
  void gapsAnotherClientJustAskedForAreNotAskedForAgain() {
    Piece a = scheduler.piece(3);
    arrives(a, 0, 10 * MS);
    arrives(scheduler.piece(4), 0, 11 * MS);
    BitSet theirs = new BitSet();
    theirs.set(1, 4);
    scheduler.overheard(3, theirs.toByteArray(), 12 * MS);
    asked.clear();
    scheduler.requestMore(13 * MS, 0);
    assertTrue(asked.stream().noneMatch(x -> x.piece() == 3), "someone asked for blocks 1-3 already: " + asked);
  }

  @Test
  void gapsWeAskedForAreNotAskedForAgainWhileNoneOfTheChunkArrives() {
    Piece a = scheduler.piece(3);
    arrives(a, 0, 10 * MS);
    arrives(scheduler.piece(4), 0, 11 * MS);
    scheduler.requestMore(12 * MS, 0);
    assertEquals(1, asked.stream().filter(x -> x.piece() == 3).count(), "the gaps of chunk 3, once: " + asked);
    asked.clear();
    scheduler.requestMore(12 * MS + RequestScheduler.IDLE_NANOS + MS, 0);
    scheduler.requestMore(12 * MS + 3 * RequestScheduler.IDLE_NANOS, 0);
    assertTrue(asked.stream().noneMatch(x -> x.piece() == 3), "still queued at the server: " + asked);
    scheduler.requestMore(12 * MS + RequestScheduler.REDO_FILLING_NANOS + MS, 0);
    assertEquals(1, asked.stream().filter(x -> x.piece() == 3).count(), "half a second on: asked again " + asked);
  }

  @Test
  void gapsLeftAfterTheRepairWentByAreAskedForAtOnce() {
    Piece a = scheduler.piece(3);
    arrives(a, 0, 10 * MS);
    arrives(scheduler.piece(4), 0, 11 * MS);
    scheduler.requestMore(12 * MS, 0);
    asked.clear();
    arrives(a, 1, 20 * MS);
    arrives(scheduler.piece(4), 1, 21 * MS);
    scheduler.requestMore(22 * MS, 0);
    BitSet gaps = new BitSet();
    gaps.set(2, 4);
    assertTrue(asked.contains(new Asked(3, gaps)), "blocks 2 and 3 of the repair were lost: " + asked);
  }

  @Test
  void noNewChunkIsAskedForWhileTheCacheIsFullOfChunksWaitingToBeWritten() {
    scheduler.requestMore(0, 64);
    assertEquals(List.of(), asked);
  }
}
