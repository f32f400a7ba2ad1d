package org.nsbed.cli.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.CommandRun;

/** {@code nsbed image build} refuses what it cannot build before it builds anything. */
class ImageBuildCommandTest {
  @TempDir Path home;

  private CommandRun nsbed(String... args) {
    return CommandRun.nsbed(List.of("--home", home.toString(), "--user", "tester"), args);
  }

  @Test
  void anUnknownRecipeIsAUsageErrorNamingTheRecipes() {
    Path out = home.resolve("x.ndz");
    CommandRun r = nsbed("image", "build", "--recipe", "windows", "--out", out.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("no image recipe 'windows' (recipes: broken-boot, tiny-linux)"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void anOutputThatIsNotAnNdzFileIsAUsageError() {
    Path out = home.resolve("x.img");
    CommandRun r = nsbed("image", "build", "--recipe", "tiny-linux", "--out", out.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("ends in .ndz"), r.err());
    assertFalse(Files.exists(out));
  }
}
