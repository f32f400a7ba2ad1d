package org.nsbed.loader.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtFreeSpaceTest {
  @TempDir Path dir;

  private static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", cmd) + ":\n" + out);
    return out;
  }

  @Test
  void freeBlocksOfAnExt4FilesystemAreLeftOutAndTheFilesystemSurvives() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/mkfs.ext4")) && Files.isExecutable(Path.of("/usr/sbin/debugfs")),
        "needs e2fsprogs");
    Path fs = dir.resolve("fs.img");
    // Garbage everywhere first, so free blocks are not zero and only the bitmap can tell them apart.
    Files.write(fs, ImageRoundTripTest.random(32 << 20, 21));
    run("/usr/sbin/mkfs.ext4", "-q", "-F", "-b", "4096", "-E", "lazy_itable_init=0,nodiscard", fs.toString());
    Path payload = dir.resolve("hello.txt");
    Files.writeString(payload, "hello from the captured filesystem\n".repeat(2000));
    run("/usr/sbin/debugfs", "-w", "-R", "write " + payload + " hello.txt", fs.toString());

    Path raw = dir.resolve("raw.ndz");
    Path aware = dir.resolve("aware.ndz");
    ImageInfo rawInfo = Imagezip.capture(fs, raw, CaptureOptions.defaults());
    ImageInfo awareInfo = Imagezip.capture(fs, aware, CaptureOptions.defaults().withSkipFreeSpace(true));
    assertTrue(awareInfo.freeSpaceSkipped());
    assertTrue(awareInfo.dataBytes() < rawInfo.dataBytes() / 2,
        "free blocks skipped: " + awareInfo.dataBytes() + " of " + rawInfo.dataBytes());

    Path out = dir.resolve("out.img");
    Imageunzip.unpack(aware, out);
    run("/usr/sbin/e2fsck", "-f", "-n", out.toString());
    String cat = run("/usr/sbin/debugfs", "-R", "cat hello.txt", out.toString());
    assertTrue(cat.contains("hello from the captured filesystem"));
  }
}
