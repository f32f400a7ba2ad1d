package org.nsbed.loader.multicast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server's pacing, followed on a clock the test moves: no test here depends on how busy the machine is. */
class RateControlTest {
  private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(25);
  private final MockTicker ticker = Ticker.newMockTicker();
  private final RateControl rate = new RateControl(1600, ticker);

  /** Moves the clock one adjustment interval on and lets the controller adjust. */
  private int afterInterval() {
    ticker.advance(INTERVAL, TimeUnit.NANOSECONDS);
    rate.reserve(1, ticker.nanoTime());
    return rate.currentMbps();
  }

  @Test
  void theRateStartsAtASixteenthOfTheCapAndGrowsByHalfEachQuietInterval() {
    assertEquals(100, rate.currentMbps());
    assertEquals(150, afterInterval());
    assertEquals(225, afterInterval());
  }

  @Test
  void theFirstReportEndsSlowStartThreeGrowthStepsBack() {
    afterInterval();
    afterInterval();
    int before = afterInterval();
    rate.pressureSignal();
    assertEquals(Math.round(before / 3.375), afterInterval());
  }

  @Test
  void afterSlowStartLossHalvesTheRateFallingBehindTakesFifteenPercentAndQuietAddsTen() {
    for (int i = 0; i < 5; i++) {
      afterInterval();
    }
    rate.pressureSignal();
    int start = afterInterval();
    rate.lossSignal();
    assertEquals(Math.round(start * 0.5), afterInterval(), 1);
    int halved = rate.currentMbps();
    rate.pressureSignal();
    assertEquals(Math.round(halved * 0.85), afterInterval(), 1);
    int lowered = rate.currentMbps();
    assertEquals(Math.round(lowered * 1.1), afterInterval(), 1);
  }

  @Test
  void theRateNeverExceedsTheCap() {
    for (int i = 0; i < 40; i++) {
      afterInterval();
    }
    assertEquals(1600, rate.currentMbps());
  }

  @Test
  void eachDatagramIsPacedWithTheHeadersAndFramingALinkCarriesForIt() {
    long now = ticker.nanoTime();
    rate.reserve(512 << 10, now);
    long wait = rate.reserveDatagram(1050, now);
    double bytesPerNano = 100e6 / 8 / 1e9;
    assertEquals((long) (((256 << 10) + 1050 + RateControl.DATAGRAM_OVERHEAD_BYTES) / bytesPerNano), wait, 1_000);
  }

  @Test
  void once512KiBOfCreditIsSpentTheSenderWaitsForAQuarterMebibyteAtTheCurrentRate() {
    long now = ticker.nanoTime();
    assertEquals(0, rate.reserve(512 << 10, now), "the initial burst goes at once");
    long wait = rate.reserve(64 << 10, now);
    double bytesPerNano = 100e6 / 8 / 1e9;
    assertEquals((long) (((256 << 10) + (64 << 10)) / bytesPerNano), wait, 1_000);
    assertTrue(wait > TimeUnit.MILLISECONDS.toNanos(20), "at 100 Mbit/s: " + wait + " ns");
  }
}
