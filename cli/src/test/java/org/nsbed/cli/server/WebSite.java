package org.nsbed.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.nsbed.cli.CommandRun;

/**
 * The one server process, and the one browser, that the web page tests of this JVM share: starting
 * a server and a Chromium for every test class would cost more than the tests themselves. Each
 * test keeps to experiments and images of names of its own, so they stay independent.
 *
 * <p>The site is the three-user testbed of {@link ServerProcess} (root admin, alice in testbed,
 * bob in otherproj) with web passwords, whose pc3000 nodes never boot: an NS file that asks for a
 * pc3000 gets a node that fails to come up.
 */
final class WebSite {
  static final String PASSWORD_SUFFIX = "-secret-pw";

  private static WebSite site;

  final Path home;
  final ServerProcess server;
  private Browser browser;

  private WebSite(Path home, ServerProcess server) {
    this.home = home;
    this.server = server;
  }

  /** The shared site, started on first use and stopped when the JVM ends. */
  static synchronized WebSite get() {
    if (site == null) {
      try {
        Path home = Files.createTempDirectory("nsbed-web-");
        ServerProcess.Site prepared = ServerProcess.Site.prepare(home, List.of(), testbed -> testbed
            + "faults:\n" + Stream.of(101, 102, 103, 104, 105, 106)
                .map(n -> "  - {node: pc" + n + ", boot: never}\n").reduce("", String::concat));
        for (String user : List.of("root", "alice", "bob")) {
          setPassword(home, user, password(user));
        }
        site = new WebSite(home, prepared.launch("web"));
        Runtime.getRuntime().addShutdownHook(new Thread(site::stop, "web-site-stop"));
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the web site: " + e.getMessage(), e);
      }
    }
    return site;
  }

  static String password(String user) {
    return user + PASSWORD_SUFFIX;
  }

  /** The shared browser (a real headless Chromium), started on first use. */
  synchronized Browser browser() {
    if (browser == null) {
      browser = Browser.start(server.url);
    }
    return browser;
  }

  String url() {
    return server.url;
  }

  private static synchronized void setPassword(Path home, String user, String password) {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
      CommandRun r = ServerProcess.nsbed(home, "root", "user", "passwd", user);
      assertEquals(0, r.exit(), r.out() + r.err());
    } finally {
      System.setIn(stdin);
    }
  }

  private void stop() {
    try {
      if (browser != null) {
        browser.close();
      }
      server.close();
      try (Stream<Path> files = Files.walk(home)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
