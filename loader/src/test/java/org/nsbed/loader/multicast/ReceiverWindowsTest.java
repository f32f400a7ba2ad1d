package org.nsbed.loader.multicast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Multicast flow control, on a clock the test moves. */
class ReceiverWindowsTest {
  private static final int JOIN_ALLOWANCE = 40;
  private final MockTicker ticker = Ticker.newMockTicker();
  private final ReceiverWindows windows = new ReceiverWindows(ticker, JOIN_ALLOWANCE);

  @Test
  void withNoAcknowledgingClientNothingHoldsTheSenderBack() {
    assertTrue(windows.maySend(1_000_000, ticker.nanoTime()));
  }

  @Test
  void theSlowestClientsWindowIsTheLimit() {
    windows.ack(1, 100, 50);
    windows.ack(2, 40, 50);
    assertTrue(windows.maySend(90, ticker.nanoTime()));
    assertFalse(windows.maySend(91, ticker.nanoTime()), "client 2 can take blocks up to 90");
    windows.ack(2, 60, 50);
    assertTrue(windows.maySend(110, ticker.nanoTime()));
    assertFalse(windows.maySend(151, ticker.nanoTime()), "client 1 can take blocks up to 150");
  }

  @Test
  void aClientSilentForTheExpiryTimeIsNoLongerWaitedFor() {
    windows.ack(1, 100, 10);
    ticker.advance(ReceiverWindows.EXPIRE_NANOS, TimeUnit.NANOSECONDS);
    assertFalse(windows.maySend(200, ticker.nanoTime()), "silent for exactly the expiry time: still waited for");
    ticker.advance(1, TimeUnit.MILLISECONDS);
    assertTrue(windows.maySend(200, ticker.nanoTime()));
    assertEquals(0, windows.clients());
  }

  @Test
  void aClientBackAfterASilenceIsWaitedForFromWhereTheSenderIsNow() throws Exception {
    windows.ack(1, 100, 10);
    ticker.advance(ReceiverWindows.EXPIRE_NANOS + 1, TimeUnit.NANOSECONDS);
    assertTrue(windows.roomFor(5000), "its link is down: no longer waited for");
    windows.ack(1, 100, 10);
    assertTrue(windows.maySend(5000 + JOIN_ALLOWANCE, ticker.nanoTime()), "blocks 101-5000 are lost to it");
    assertFalse(windows.maySend(5001 + JOIN_ALLOWANCE, ticker.nanoTime()), "and it is waited for again");
    windows.ack(1, 100, 10);
    assertTrue(windows.maySend(5000 + JOIN_ALLOWANCE, ticker.nanoTime()), "an ACK held up on the way takes no room back");
  }

  @Test
  void aClientThatJoinedIsWaitedForAfterTheJoinAllowanceUntilItsFirstAck() throws Exception {
    assertTrue(windows.roomFor(10));
    windows.joined(4);
    assertTrue(windows.maySend(10 + JOIN_ALLOWANCE, ticker.nanoTime()));
    assertFalse(windows.maySend(11 + JOIN_ALLOWANCE, ticker.nanoTime()));
    windows.ack(4, 70, 100);
    assertTrue(windows.maySend(170, ticker.nanoTime()));
  }

  @Test
  void aClientThatJoinedAndNeverAcknowledgedIsNotWaitedForAgainWhenItJoinsAgain() {
    windows.joined(4);
    ticker.advance(ReceiverWindows.EXPIRE_NANOS + 1, TimeUnit.NANOSECONDS);
    assertTrue(windows.maySend(1000, ticker.nanoTime()));
    windows.joined(4);
    assertTrue(windows.maySend(1000, ticker.nanoTime()));
  }

  @Test
  void sequenceNumbersThatWrapAroundStillCompareInOrder() {
    windows.ack(1, Integer.MAX_VALUE - 5, 10);
    assertTrue(windows.maySend(Integer.MIN_VALUE + 3, ticker.nanoTime()));
    assertFalse(windows.maySend(Integer.MIN_VALUE + 5, ticker.nanoTime()));
  }
}
