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
import org.nsbed.loader.image.ImageInfo;
import org.nsbed.provisioner.recipe.ImageRecipes;

/**
 * Recipe images: {@code nsbed image build} refuses what it cannot build before it builds anything,
 * and {@code testbed init} builds the missing file of an image entry that names a recipe.
 */
class ImageBuildCommandTest {
  @TempDir Path home;

  private CommandRun nsbed(String... args) {
    return CommandRun.nsbed(List.of("--home", home.toString(), "--user", "tester"), args);
  }

  @Test
  void testbedInitBuildsTheMissingFileOfAnImageWithARecipe() throws Exception {
    ImageRecipes.shareCache(home, VmHome.CACHE);
    Path yaml = home.resolve("vm.yaml");
    Files.writeString(yaml, """
        projects: [emulab-ops, testbed]
        nodeTypes:
          - {name: vm1, class: pc, driver: qemu, defaultOs: TINY-LINUX}
        nodes:
          - {names: "vm[1-2]", type: vm1}
        osids:
          - {name: TINY-LINUX, project: emulab-ops, os: Linux, version: "6.1", shared: true}
        images:
          - {name: TINY-LINUX, project: emulab-ops, global: true, nodeTypes: [vm1], recipe: tiny-linux}
        """);
    CommandRun init = nsbed("testbed", "init", yaml.toString());
    assertEquals(0, init.exit(), init.out() + init.err());
    Path image = home.resolve("proj/emulab-ops/images/TINY-LINUX.ndz");
    assertTrue(init.out().contains("image built from recipe tiny-linux for emulab-ops/TINY-LINUX: " + image), init.out());
    ImageInfo info = ImageInfo.read(image);
    assertEquals(40L << 20, info.imageSize(), "the recipe's whole disk");
    assertTrue(info.freeSpaceSkipped(), "the root filesystem's free blocks are left out");
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
