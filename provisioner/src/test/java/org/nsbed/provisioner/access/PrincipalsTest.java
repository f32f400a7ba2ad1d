package org.nsbed.provisioner.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nsbed.provisioner.persistence.TestDatabase;
import org.nsbed.provisioner.persistence.TestDatabase.Backend;
import org.nsbed.provisioner.testbed.TestbedFile;
import org.nsbed.provisioner.testbed.TestbedFileTest;
import org.nsbed.provisioner.testbed.TestbedImporter;

/** Callers as the project rules see them, read by token, by name and many at once, on both databases. */
class PrincipalsTest {

  /** The conformance catalogue with an admin {@code root} and {@code alice}, a user of {@code testbed} and {@code otherproj}. */
  static void importUsers(TestDatabase t) throws Exception {
    String catalogue = Files.readString(Path.of(TestbedFileTest.class.getResource("/conformance-testbed.yaml").toURI()));
    TestbedFile file = TestbedFile.parse(catalogue + """
        users:
          - {name: root, admin: true}
          - {name: alice, projects: {testbed: user, otherproj: leader}}
        """, "users.yaml");
    new TestbedImporter(t.db(), Files.createTempDirectory("nsbed-home-")).importFile(file, "root");
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void aUserIsReadWithTheirProjectsAndAdminFlag(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      importUsers(t);
      Principals principals = new Principals(t.db());
      assertEquals(Optional.of(new Principal("alice", false, Set.of("testbed", "otherproj"))), principals.ofUser("alice"));
      assertEquals(Optional.of(new Principal("root", true, Set.of())), principals.ofUser("root"));
      assertEquals(Optional.empty(), principals.ofUser("nobody"));
    }
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void manyUsersAreReadAtOnceAndUnknownOnesAreLeftOut(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      importUsers(t);
      Principals principals = new Principals(t.db());
      assertEquals(Map.of("alice", new Principal("alice", false, Set.of("testbed", "otherproj")),
          "root", new Principal("root", true, Set.of())), principals.ofUsers(List.of("alice", "root", "nobody")));
      assertEquals(Map.of(), principals.ofUsers(List.of()));
    }
  }

  @ParameterizedTest
  @MethodSource("org.nsbed.provisioner.persistence.TestDatabase#backends")
  void aTokenNamesItsHolderUntilItIsRevoked(Backend backend) throws Exception {
    try (TestDatabase t = TestDatabase.create(backend)) {
      importUsers(t);
      Principals principals = new Principals(t.db());
      Credentials.NewToken token = new Credentials(t.db()).createToken("alice", "laptop");
      assertEquals(Optional.of(new Principal("alice", false, Set.of("testbed", "otherproj"))),
          principals.ofToken(token.token()));
      assertEquals(Optional.empty(), principals.ofToken(token.token() + "x"));
      assertEquals(Optional.empty(), principals.ofToken("not a token"));
      new Credentials(t.db()).revoke(token.id());
      assertEquals(Optional.empty(), principals.ofToken(token.token()));
    }
  }
}
