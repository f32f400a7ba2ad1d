package org.nsbed.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.cli.node.ConsoleCommand;
import org.nsbed.provisioner.node.ConsoleLog;
import org.nsbed.provisioner.recipe.ImageRecipes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code nsbed demo}: a fresh embedded testbed, the swap-in of {@code examples-ns/seed.ns} with
 * live progress, the experiment's status, a console excerpt, and the swap-out, by running the real
 * commands one after the other. With {@code --vm} the testbed is {@code examples-ns/vm/testbed.yaml}
 * and the experiment {@code examples-ns/vm/seed.ns}: two QEMU virtual machines that really boot.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Show nsbed at work on a fresh simulated testbed: swap in examples-ns/seed.ns (two nodes, FBSD-STD "
        + "and Ubuntu-STD, one nonfatal) with live progress, show its status and a console, swap it out.",
        "With --vm the same on two QEMU virtual machines booting a Debian kernel (examples-ns/vm/).",
        "With --web, start a server with a demo user instead and watch the swap-in in the browser.",
        "Uses a temporary home unless --home is given."})
public final class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--ns", paramLabel = "FILE", description = "NS file to use (default examples-ns/seed.ns).")
  Path nsFile;

  @Option(names = "--vm", description = "Run the seed experiment on QEMU virtual machines (examples-ns/vm/).")
  boolean vm;

  @Option(names = "--web", description = "Start a server on 127.0.0.1 with a demo user and swap the experiment in "
      + "there; prints the URL and the sign-in, runs until Ctrl-C.")
  boolean web;

  @Option(names = "--port", defaultValue = "8080", description = "The server's port with --web (default 8080; 0 picks "
      + "a free one).")
  int port;

  @Override
  public Integer call() throws Exception {
    Nsbed nsbed = (Nsbed) spec.root().userObject();
    boolean ownHome = !homeGiven();
    Path home = ownHome ? Files.createTempDirectory("nsbed-demo-") : nsbed.home();
    if (vm && web) {
      throw new UserError("--vm and --web do not go together yet: pick one", Nsbed.EXIT_USAGE);
    }
    if (vm) {
      vmTestbed(nsbed, home);
    }
    Path ns = nsFile != null ? nsFile : example(home, vm ? "vm/seed.ns" : "seed.ns");
    if (web) {
      return WebDemo.run(home, ns, port);
    }
    String eid = "demo" + (System.currentTimeMillis() % 100000);
    step("nsbed startexp -i -w -p testbed -e " + eid + " " + ns + "   (home " + home + ")");
    int rc = run(home, nsbed, "startexp", "-i", "-w", "-E", "nsbed demo", "-p", "testbed", "-e", eid, ns.toString());
    if (rc != Nsbed.EXIT_OK) {
      return rc;
    }
    step("nsbed expinfo -e testbed," + eid);
    run(home, nsbed, "expinfo", "--log", "4", "-e", "testbed," + eid);
    for (String node : consoles(home)) {
      step("nsbed console " + node + "   (last lines)");
      String text = new ConsoleLog(home.resolve("consoles"), node).read(0).text();
      List<String> lines = ConsoleCommand.terminalControlRemoved(text).lines().filter(l -> !l.isBlank()).toList();
      int last = vm ? 12 : 8;
      lines.subList(Math.max(0, lines.size() - last), lines.size()).forEach(l -> System.out.println("  " + l));
    }
    step("nsbed swapexp -e testbed," + eid + " out -w");
    rc = run(home, nsbed, "swapexp", "-w", "-e", "testbed," + eid, "out");
    step("done" + (ownHome ? "; the demo testbed is in " + home + " (delete it when you like)" : ""));
    return rc;
  }

  private boolean homeGiven() {
    for (CommandLine c = spec.commandLine(); c != null; c = c.getParent()) {
      if (c.getParseResult() != null && c.getParseResult().hasMatchedOption("--home")) {
        return true;
      }
    }
    return false;
  }

  private static void step(String what) {
    System.out.println();
    System.out.println("==> " + what);
  }

  private static int run(Path home, Nsbed nsbed, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("--home", home.toString(), "--user", nsbed.user()));
    all.addAll(List.of(args));
    return Nsbed.commandLine().execute(all.toArray(String[]::new));
  }

  /** The consoles of nodes that booted, by name. */
  private static List<String> consoles(Path home) throws IOException {
    Path dir = home.resolve("consoles");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log"))
          .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
    }
  }

  /**
   * The VM testbed in the demo's home, with its TINY-LINUX image built beforehand (once: the
   * build is cached in the invoking home's recipe cache, not in the throw-away demo home).
   */
  private void vmTestbed(Nsbed nsbed, Path home) throws IOException, URISyntaxException, InterruptedException {
    if (Files.exists(home.resolve("testbed.yaml"))) {
      throw new UserError("demo --vm brings its own testbed file; give a --home without testbed.yaml", Nsbed.EXIT_USAGE);
    }
    Files.copy(example(home, "vm/testbed.yaml"), home.resolve("testbed.yaml"));
    Path image = home.resolve("proj/emulab-ops/images/TINY-LINUX.ndz");
    if (!Files.exists(image)) {
      Path cache = ImageRecipes.cacheDir(nsbed.home());
      ImageRecipes.shareCache(home, cache);
      step("nsbed image build --recipe tiny-linux --out " + image + "   (cached in " + cache + ")");
      try {
        ImageRecipes.build("tiny-linux", "TINY-LINUX", image, cache);
      } catch (IOException e) {
        throw new UserError(e.getMessage(), Nsbed.EXIT_FAILED);
      }
    }
  }

  /**
   * A file of {@code examples-ns/} of the checkout the jar was built in; a jar used elsewhere
   * carries a copy of it.
   */
  private static Path example(Path home, String name) throws IOException, URISyntaxException {
    Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path checkout = jar.getParent() != null && jar.getParent().getParent() != null
        ? jar.getParent().getParent().getParent() : null;
    if (checkout != null && Files.isRegularFile(checkout.resolve("examples-ns").resolve(name))) {
      return checkout.resolve("examples-ns").resolve(name);
    }
    try (InputStream in = DemoCommand.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new UserError("examples-ns/" + name + " not found; give an NS file with --ns");
      }
      Path copy = home.resolve(name.replace('/', '-'));
      Files.write(copy, in.readAllBytes());
      return copy;
    }
  }
}
