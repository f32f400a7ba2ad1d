package org.nsbed.cli.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.cli.server.ServerFile;
import org.nsbed.provisioner.testbed.DefaultTestbed;

/**
 * {@code nsbed demo --web}: the default simulated testbed with a user who may sign in to the web
 * pages, the seed experiment queued for swap-in, and a server on 127.0.0.1 that runs the swap-in
 * while the user watches it in the browser. It runs the real commands, in this process.
 */
final class WebDemo {
  static final String USER = "newcomer";
  static final String PASSWORD = "nsbed-demo";
  static final String EXPERIMENT = "seed";

  private WebDemo() {}

  /** Prepares {@code home} (a fresh one), then runs the server until Ctrl-C. */
  static int run(Path home, Path nsFile, int port) throws IOException, InterruptedException {
    if (Files.exists(home.resolve(DefaultTestbed.FILE_NAME))) {
      throw new UserError("nsbed demo --web needs a fresh home, and " + home + " has a testbed already; leave "
          + "--home out to use a temporary one");
    }
    // The default testbed with one user, an admin, who may also take nodes down on the Nodes page.
    Files.writeString(home.resolve(DefaultTestbed.FILE_NAME), DefaultTestbed.text().replaceFirst("(?m)^nodeTypes:",
        "users:\n  - {name: " + USER + ", admin: true, projects: {testbed: user}}\nnodeTypes:"));
    InputStream stdin = System.in;
    int rc;
    try {
      System.setIn(new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)));
      rc = nsbed(home, "-q", "user", "passwd", USER);
    } finally {
      System.setIn(stdin);
    }
    if (rc != Nsbed.EXIT_OK) {
      return rc;
    }
    // Queued now, run by the server's scheduler as soon as it starts.
    rc = nsbed(home, "-q", "startexp", "-i", "-E", "the seed experiment of nsbed demo --web", "-p", "testbed", "-e",
        EXPERIMENT, nsFile.toString());
    if (rc != Nsbed.EXIT_OK) {
      return rc;
    }
    Thread greeter = new Thread(() -> greet(home), "demo-greeter");
    greeter.setDaemon(true);
    greeter.start();
    return nsbed(home, "server", "--port", Integer.toString(port), "--name", "demo");
  }

  /** Once the server listens, says where to look and how to sign in. */
  private static void greet(Path home) {
    try {
      Optional<ServerFile> server = Optional.empty();
      for (int i = 0; i < 600 && server.isEmpty(); i++) {
        Thread.sleep(100);
        server = ServerFile.running(home);
      }
      server.ifPresent(s -> {
        System.out.println();
        System.out.println("Open " + s.url() + "/experiments/testbed/" + EXPERIMENT + " and sign in as " + USER
            + " with the password " + PASSWORD + ".");
        System.out.println("The seed experiment swaps in while you watch. Ctrl-C stops the server; the demo "
            + "testbed is in " + home + ".");
        System.out.flush();
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int nsbed(Path home, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("--home", home.toString(), "--user", USER));
    all.addAll(List.of(args));
    return Nsbed.commandLine().execute(all.toArray(String[]::new));
  }
}
