package org.nsbed.cli.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.Nsbed;
import org.openqa.selenium.By;

/** {@code nsbed demo --web} as a newcomer runs it: the printed URL and sign-in lead to the seed experiment, up. */
class WebDemoTest {
  private static final Pattern OPEN = Pattern.compile("Open (http://127\\.0\\.0\\.1:\\d+)(/experiments/testbed/seed) "
      + "and sign in as (\\w+) with the password (\\S+)\\.");

  @Test
  void theDemoPrintsWhereToSignInAndTheSeedExperimentComesUpInTheBrowser(@TempDir Path dir) throws Exception {
    Path home = dir.resolve("home");
    Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Nsbed.class.getName(), "--home", home.toString(), "demo", "--web",
        "--port", "0").redirectError(dir.resolve("demo.err").toFile()).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
      List<String> seen = new ArrayList<>();
      Matcher open = null;
      for (String line; open == null && (line = out.readLine()) != null; ) {
        seen.add(line);
        Matcher m = OPEN.matcher(line);
        open = m.matches() ? m : null;
      }
      assertTrue(open != null, "no sign-in line: " + seen);
      String base = open.group(1);
      assertTrue(seen.stream().anyMatch(l -> l.startsWith("nsbed server demo listening on " + base)), seen.toString());
      try (Browser browser = Browser.start(base)) {
        browser.signIn(open.group(3), open.group(4));
        browser.open(open.group(2));
        browser.await(d -> d.findElement(By.id("state")).getText().equals("active")
            && d.findElement(By.id("node-nodeA")).getAttribute("data-status").equals("up")
            && d.findElement(By.id("node-nodeB")).getAttribute("data-status").equals("up"), 120);
      }
    } finally {
      demo.destroy();
      if (!demo.waitFor(30, TimeUnit.SECONDS)) {
        demo.destroyForcibly();
      }
    }
  }
}
