package org.nsbed.interpreter.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueSyntaxTest {

  @ParameterizedTest
  @CsvSource({"100Mb,100000", "1.5Mbps,1500", "100000.0kb,100000", "10Kbps,10", "1Gb,1000000", "2G,2000000",
      "64000,64", "64000bps,64", "0.5Mb,500", "*,0", "45Mb,45000"})
  void bandwidthIsReadInKbpsAndTruncated(String text, int kbps) throws ValueException {
    assertEquals(kbps, Bandwidth.parseKbps(text));
  }

  @Test
  void anUnknownBandwidthUnitIsNamed() {
    ValueException e = assertThrows(ValueException.class, () -> Bandwidth.parseKbps("10Mbits"));
    assertEquals("Unknown bandwidth unit Mbits.", e.getMessage());
  }

  @Test
  void aBandwidthWithoutANumberIsRejected() {
    assertThrows(ValueException.class, () -> Bandwidth.parseKbps("fast"));
  }

  @ParameterizedTest
  @CsvSource({"10ms,10", "0ms,0", "0.5s,500", "30,30000", "2ms,2", "2000ns,2", "2.9ms,2", "1000ms,1000"})
  void delayIsReadInWholeMilliseconds(String text, int ms) throws ValueException {
    assertEquals(ms, Delay.parseMs(text, 2));
  }

  @Test
  void aDelayBelowTheThresholdIsRejectedWithTheReferenceMessage() {
    ValueException e = assertThrows(ValueException.class, () -> Delay.parseMs(".1ms", 2));
    assertEquals("The delay of 0.1ms is invalid, it must be either 0 or at least 2ms.", e.getMessage());
    ValueException one = assertThrows(ValueException.class, () -> Delay.parseMs("1ms", 2));
    assertTrue(one.getMessage().startsWith("The delay of 1.0ms"));
  }

  @Test
  void theDelayThresholdIsConfigurable() throws ValueException {
    assertEquals(1, Delay.parseMs("1ms", 1));
    assertThrows(ValueException.class, () -> Delay.parseMs("4ms", 5));
  }

  @Test
  void anUnknownDelayUnitIsRejected() {
    assertThrows(ValueException.class, () -> Delay.parseMs("10min", 2));
  }

  @ParameterizedTest
  @CsvSource({"0,0", "0.05,0.05", ".5,0.5", "1,1", "1.0,1", "0.000005,0.000005"})
  void lossRatesArePlainDecimalsUpToOne(String text, double p) throws ValueException {
    assertEquals(p, LossRate.parse(text), 1e-12);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "0.000001", "-0.1", "5%", "1e-3", "abc"})
  void otherLossRatesAreRejected(String text) {
    ValueException e = assertThrows(ValueException.class, () -> LossRate.parse(text));
    assertTrue(e.getMessage().endsWith("is not a valid loss rate."));
  }

  @Test
  void aLinkWideLossIsSplitOverTheTwoDirections() {
    assertEquals(0.025320565519103666, LossRate.perDirection(0.05), 1e-15);
  }

  @ParameterizedTest
  @CsvSource({"12,12", "1.5,1.5", ".5,0.5", "1h2m,3720", "2m,120", "30s,30", "1h,3600"})
  void timesArePlainSecondsOrHoursMinutesSeconds(String text, double seconds) throws ValueException {
    assertEquals(seconds, TimeSpec.parseSeconds(text), 1e-9);
  }

  @Test
  void anInvalidTimeIsNamed() {
    ValueException e = assertThrows(ValueException.class, () -> TimeSpec.parseSeconds("soon"));
    assertEquals("Invalid time spec: soon", e.getMessage());
  }

  @Test
  void addressesAreDottedQuadsOfOctets() throws ValueException {
    assertEquals(0x0A010102L, Ipv4.parse("10.1.1.2"));
    assertEquals("192.168.1.254", Ipv4.format(Ipv4.parse("192.168.1.254")));
    assertThrows(ValueException.class, () -> Ipv4.parse("10.1.1"));
    assertThrows(ValueException.class, () -> Ipv4.parse("10.1.1.300"));
  }

  @Test
  void netmasksMustKeepTheTopSixteenBits() throws ValueException {
    assertEquals(29, Ipv4.prefixLength(Ipv4.parseMask("255.255.255.248")));
    ValueException e = assertThrows(ValueException.class, () -> Ipv4.parseMask("255.0.0.0"));
    assertTrue(e.getMessage().contains("too big"));
    assertThrows(ValueException.class, () -> Ipv4.parseMask("255.255.0.255"));
  }
}
