package org.nsbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nsbed processes that meet an empty home at the same moment: exactly one imports the
 * default testbed, and both commands succeed.
 */
class FirstUseRaceTest {

  @Test
  void twoConcurrentFirstUsesImportTheTestbedOnceAndBothSucceed(@TempDir Path home) throws Exception {
    List<Process> processes = new ArrayList<>();
    List<Path> errs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Path err = home.resolve("../" + home.getFileName() + "-err" + i).normalize();
      errs.add(err);
      processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Nsbed.class.getName(),
          "--home", home.toString(), "--user", "tester", "-v", "node", "list", "--free")
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start());
    }
    int imports = 0;
    for (int i = 0; i < 2; i++) {
      assertTrue(processes.get(i).waitFor(120, TimeUnit.SECONDS), "nsbed " + i + " did not finish");
      String err = Files.readString(errs.get(i), StandardCharsets.UTF_8);
      Files.delete(errs.get(i));
      assertEquals(0, processes.get(i).exitValue(), err);
      if (err.contains("first use: imported the testbed")) {
        imports++;
      }
    }
    assertEquals(1, imports, "exactly one process imports the default testbed");
  }
}
