package org.nsbed.provisioner.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nsbed.provisioner.persistence.TestDatabase;
import org.nsbed.provisioner.persistence.TestDatabase.Backend;
import org.nsbed.provisioner.testbed.TestbedFileTest;
import org.nsbed.provisioner.testbed.TestbedImporter;

/** Web sessions on both databases: only hashes are stored; a session ends at sign-out or when it expires. */
class WebSessionsTest {

  private static WebSessions sessions(TestDatabase t) throws Exception {
    new TestbedImporter(t.db(), Files.createTempDirectory("nsbed-home-")).importFile(TestbedFileTest.conformance(),
        "carol");
    return new WebSessions(t.db());
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
  void anExpiredSessionIsRefusedAndRemovedAtTheNextSignIn(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      WebSessions s = sessions(t);
      String token = s.start("carol");
      t.db().run(x -> x.createMutationQuery("update WebSession set expires = :past")
          .setParameter("past", Instant.now().minusSeconds(1)).executeUpdate());
      assertEquals(Optional.empty(), s.user(token));
      s.start("carol");
      long rows = t.db().read(x -> x.createSelectionQuery("select count(*) from WebSession", Long.class)
          .getSingleResult());
      assertEquals(1, rows, "the expired session was deleted");
    }
  }
}
