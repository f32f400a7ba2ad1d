package org.nsbed.cli.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.Nsbed;
import picocli.CommandLine;

/** imagezip, imageunzip and loader serve/fetch as a user runs them. */
@Timeout(120)
class LoaderCommandsTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  private Run nsbed(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    synchronized (LoaderCommandsTest.class) {
      try {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        CommandLine cl = Nsbed.commandLine();
        cl.setErr(new PrintWriter(System.err, true));
        cl.setOut(new PrintWriter(System.out, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
      } finally {
        System.setOut(oldOut);
        System.setErr(oldErr);
      }
    }
  }

  private Path disk(String name, int size) throws Exception {
    byte[] b = new byte[size];
    Random r = new Random(size);
    for (int i = 0; i < size; i += 3) {
      b[i] = (byte) (i % 7 == 0 ? r.nextInt() : 'x');
    }
    Path p = dir.resolve(name);
    Files.write(p, b);
    return p;
  }

  @Test
  void imagezipThenImageunzipGivesBackTheSameBytes() throws Exception {
    Path in = disk("in.raw", 3 * 1024 * 1024 + 17);
    Run zip = nsbed("--json", "imagezip", in.toString(), dir.resolve("a.ndz").toString());
    assertEquals(0, zip.exit(), zip.err());
    assertTrue(zip.out().contains("\"bytes\":" + Files.size(in)), zip.out());
    Run unzip = nsbed("imageunzip", dir.resolve("a.ndz").toString(), dir.resolve("out.raw").toString());
    assertEquals(0, unzip.exit(), unzip.err());
    assertArrayEquals(Files.readAllBytes(in), Files.readAllBytes(dir.resolve("out.raw")));
  }

  @Test
  void anExistingImageNeedsForceAndBadInputIsExitOne() throws Exception {
    Path in = disk("in.raw", 100_000);
    Path image = dir.resolve("a.ndz");
    assertEquals(0, nsbed("-q", "imagezip", in.toString(), image.toString()).exit());
    Run again = nsbed("imagezip", in.toString(), image.toString());
    assertEquals(1, again.exit());
    assertTrue(again.err().contains("-f"), again.err());
    assertEquals(0, nsbed("-q", "imagezip", "-f", in.toString(), image.toString()).exit());
    Run missing = nsbed("imagezip", dir.resolve("nope").toString(), dir.resolve("b.ndz").toString());
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("nope"), missing.err());
  }

  @Test
  void aDamagedImageIsNamedAndNothingIsWritten() throws Exception {
    Path in = disk("in.raw", 2 * 1024 * 1024);
    Path image = dir.resolve("a.ndz");
    assertEquals(0, nsbed("-q", "imagezip", in.toString(), image.toString()).exit());
    byte[] b = Files.readAllBytes(image);
    b[1000] ^= 0x10;
    Files.write(image, b);
    Run r = nsbed("imageunzip", image.toString(), dir.resolve("out.raw").toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains(image.toString()) && r.err().contains("chunk 0"), r.err());
    assertFalse(Files.exists(dir.resolve("out.raw")));
  }

  @Test
  void loaderServeAndFetchLoadADisk() throws Exception {
    Path in = disk("in.raw", 4 * 1024 * 1024 + 3);
    Path image = dir.resolve("a.ndz");
    assertEquals(0, nsbed("-q", "imagezip", in.toString(), image.toString()).exit());
    ThreadLocalRandom r = ThreadLocalRandom.current();
    String group = "239.192." + r.nextInt(256) + "." + (1 + r.nextInt(254)) + ":" + (20000 + 2 * r.nextInt(20000));
    CompletableFuture<Integer> served = CompletableFuture.supplyAsync(() ->
        Nsbed.commandLine().execute("loader", "serve", "--group", group, "--idle-exit", "2", image.toString()));
    Run fetch = nsbed("--json", "loader", "fetch", "--group", group, "--timeout", "60", dir.resolve("disk").toString());
    assertEquals(0, fetch.exit(), fetch.err());
    assertTrue(fetch.out().contains("\"verified\":true"), fetch.out());
    assertArrayEquals(Files.readAllBytes(in), Files.readAllBytes(dir.resolve("disk")));
    assertEquals(0, served.get(60, TimeUnit.SECONDS));
  }

  @Test
  void fetchingOnAnInterfaceThatDoesNotExistFailsWithoutFallingBack() {
    Run r = nsbed("loader", "fetch", "--iface", "nsbed-nosuch0", "--group", "239.192.9.9:30000", dir.resolve("d").toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("nsbed-nosuch0"), r.err());
  }
}
