package org.nsbed.provisioner.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.persistence.TestDatabase;
import org.nsbed.provisioner.persistence.TestDatabase.Backend;
import org.nsbed.provisioner.testbed.TestbedFileTest;
import org.nsbed.provisioner.testbed.TestbedImporter;

/** API tokens and passwords on both databases: only hashes are stored, revoked tokens stop working. */
class CredentialsTest {

  private static Credentials credentials(TestDatabase t) throws Exception {
    new TestbedImporter(t.db(), Files.createTempDirectory("nsbed-home-")).importFile(TestbedFileTest.conformance(),
        "carol");
    return new Credentials(t.db());
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void aTokenIdentifiesItsUserUntilItIsRevoked(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      Credentials c = credentials(t);
      Credentials.NewToken token = c.createToken("carol", "laptop");
      assertTrue(token.token().startsWith("nsb_") && token.token().length() >= 4 + 43, token.token());
      assertEquals(Optional.of("carol"), c.authenticate(token.token()));
      assertEquals(Optional.empty(), c.authenticate(token.token() + "x"));
      assertEquals(Optional.empty(), c.authenticate("nsb_" + "A".repeat(43)));
      assertNotEquals(token.token(), c.createToken("carol", "").token(), "tokens are random");
      List<String> stored = t.db().read(s -> s.createNativeQuery("select token_hash from api_tokens", String.class)
          .getResultList());
      assertFalse(stored.contains(token.token()), "only the hash is stored");
      assertTrue(stored.contains(Credentials.sha256(token.token())));
      c.revoke(token.id());
      assertEquals(Optional.empty(), c.authenticate(token.token()));
      assertTrue(c.tokens("carol").stream().anyMatch(i -> i.id() == token.id() && i.revoked()));
    }
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void aPasswordIsCheckedAgainstItsBcryptHash(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      Credentials c = credentials(t);
      assertEquals(Optional.empty(), c.checkPassword("carol", "correct horse"), "no password set yet");
      c.setPassword("carol", "correct horse");
      assertEquals(Optional.of("carol"), c.checkPassword("carol", "correct horse"));
      assertEquals(Optional.empty(), c.checkPassword("carol", "wrong horse"));
      assertEquals(Optional.empty(), c.checkPassword("nobody", "correct horse"));
      String hash = t.db().read(s -> s.createNativeQuery("select password_hash from users where name = 'carol'",
          String.class).getSingleResult());
      assertTrue(hash.startsWith("$2a$10$"), hash);
      assertThrows(LifecycleException.class, () -> c.setPassword("carol", "short"));
      assertThrows(LifecycleException.class, () -> c.createToken("nobody", ""));
    }
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void anAdminManagesEveryonesCredentialsAndAUserOnlyTheirOwn(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      PrincipalsTest.importUsers(t);
      Credentials c = new Credentials(t.db());
      c.checkManager("root", "alice");
      c.checkManager("root", null);
      c.checkManager("alice", "alice");
      assertEquals("only testbed admins may manage other users' credentials",
          assertThrows(LifecycleException.class, () -> c.checkManager("alice", "root")).getMessage());
      assertThrows(LifecycleException.class, () -> c.checkManager("alice", null), "all users' tokens");
      assertTrue(assertThrows(LifecycleException.class, () -> c.checkManager("nobody", "alice")).getMessage()
          .startsWith("unknown user nobody;"));
      assertTrue(assertThrows(LifecycleException.class, () -> c.checkManager("root", "nobody")).getMessage()
          .startsWith("unknown user nobody;"));
    }
  }
}
