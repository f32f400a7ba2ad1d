package org.nsbed.provisioner.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nsbed.provisioner.persistence.TestDatabase;
import org.nsbed.provisioner.persistence.TestDatabase.Backend;
import org.nsbed.provisioner.testbed.TestbedFileTest;
import org.nsbed.provisioner.testbed.TestbedImporter;
import org.nsbed.provisioner.time.ManualClock;
import org.nsbed.provisioner.time.TestbedClock;

/**
 * Web sessions on both databases: only hashes are stored; a session ends at sign-out or when it
 * expires, on a manual clock.
 */
class WebSessionsTest {

  private static WebSessions sessions(TestDatabase t) throws Exception {
    return sessions(t, TestbedClock.system());
  }

  private static WebSessions sessions(TestDatabase t, TestbedClock clock) throws Exception {
    new TestbedImporter(t.db(), Files.createTempDirectory("nsbed-home-")).importFile(TestbedFileTest.conformance(),
        "carol");
    return new WebSessions(t.db(), clock);
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void aSessionIdentifiesItsUserUntilSignOut(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      WebSessions s = sessions(t);
      String token = s.start("carol");
      assertEquals(Optional.of("carol"), s.user(token));
      assertEquals(Optional.empty(), s.user(token + "x"));
      assertNotEquals(token, s.start("carol"), "sessions are random");
      List<String> stored = t.db().read(x -> x.createNativeQuery("select token_hash from web_sessions", String.class)
          .getResultList());
      assertFalse(stored.contains(token), "only the hash is stored");
      assertTrue(stored.contains(Credentials.sha256(token)));
      s.end(token);
      assertEquals(Optional.empty(), s.user(token));
    }
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void aSessionExpiresItsLifetimeAfterSignInAndIsRemovedAtTheNextSignIn(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
      WebSessions s = sessions(t, clock);
      String token = s.start("carol");
      clock.advance(WebSessions.LIFETIME.minusSeconds(1));
      assertEquals(Optional.of("carol"), s.user(token), "a second before its lifetime ends");
      clock.advance(Duration.ofSeconds(1));
      assertEquals(Optional.empty(), s.user(token), "at the end of its lifetime");
      assertEquals(1, sessionRows(t), "an expired session stays until someone signs in");
      clock.advance(Duration.ofSeconds(1));
      String next = s.start("carol");
      assertEquals(1, sessionRows(t), "the expired session was deleted");
      assertEquals(Optional.of("carol"), s.user(next));
    }
  }

  private static long sessionRows(TestDatabase t) {
    return t.db().read(x -> x.createSelectionQuery("select count(*) from WebSession", Long.class).getSingleResult());
  }
}
