package org.nsbed.cli.loader;

import org.nsbed.cli.CommandRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.Nsbed;

/** imagezip, imageunzip and loader serve/fetch as a user runs them. */
@Timeout(120)
class LoaderCommandsTest {
  @TempDir Path dir;

  private CommandRun nsbed(String... args) {
    return CommandRun.nsbed(List.of(), args);
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
    CommandRun zip = nsbed("--json", "imagezip", in.toString(), dir.resolve("a.ndz").toString());
    assertEquals(0, zip.exit(), zip.err());
    assertTrue(zip.out().contains("\"bytes\":" + Files.size(in)), zip.out());
    CommandRun unzip = nsbed("imageunzip", dir.resolve("a.ndz").toString(), dir.resolve("out.raw").toString());
    assertEquals(0, unzip.exit(), unzip.err());
    assertArrayEquals(Files.readAllBytes(in), Files.readAllBytes(dir.resolve("out.raw")));
  }

  @Test
  void anExistingImageNeedsForceAndBadInputIsExitOne() throws Exception {
    Path in = disk("in.raw", 100_000);
    Path image = dir.resolve("a.ndz");
    assertEquals(0, nsbed("-q", "imagezip", in.toString(), image.toString()).exit());
    CommandRun again = nsbed("imagezip", in.toString(), image.toString());
    assertEquals(1, again.exit());
    assertTrue(again.err().contains("-f"), again.err());
    assertEquals(0, nsbed("-q", "imagezip", "-f", in.toString(), image.toString()).exit());
    CommandRun missing = nsbed("imagezip", dir.resolve("nope").toString(), dir.resolve("b.ndz").toString());
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
    CommandRun r = nsbed("imageunzip", image.toString(), dir.resolve("out.raw").toString());
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
    CommandRun fetch = nsbed("--json", "loader", "fetch", "--group", group, "--timeout", "60", dir.resolve("disk").toString());
    assertEquals(0, fetch.exit(), fetch.err());
    assertTrue(fetch.out().contains("\"verified\":true"), fetch.out());
    assertArrayEquals(Files.readAllBytes(in), Files.readAllBytes(dir.resolve("disk")));
    assertEquals(0, served.get(60, TimeUnit.SECONDS));
  }

  @Test
  void fetchingOnAnInterfaceThatDoesNotExistFailsWithoutFallingBack() {
    CommandRun r = nsbed("loader", "fetch", "--iface", "nsbed-nosuch0", "--group", "239.192.9.9:30000", dir.resolve("d").toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("nsbed-nosuch0"), r.err());
  }
}
