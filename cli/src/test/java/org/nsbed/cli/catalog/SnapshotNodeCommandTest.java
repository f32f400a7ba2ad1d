package org.nsbed.cli.catalog;

import org.nsbed.cli.CommandRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nsbed image create --snapshot-node}: the New Image Descriptor form's "node to obtain
 * snapshot from" creates the descriptor and captures the node with create_image right away.
 */
class SnapshotNodeCommandTest {
  @TempDir static Path home;
  static String pc;

  static CommandRun nsbed(String... args) {
    return CommandRun.nsbed(List.of("--home", home.toString(), "--user", "tester"), args);
  }

  static JsonNode json(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--json"));
    all.addAll(List.of(args));
    CommandRun r = nsbed(all.toArray(String[]::new));
    assertEquals(0, r.exit(), r.out() + r.err());
    return new ObjectMapper().readTree(r.out());
  }

  static List<String> osids() throws Exception {
    List<String> names = new ArrayList<>();
    json("osid", "list").forEach(o -> names.add(o.get("project").asText() + "/" + o.get("name").asText()));
    return names;
  }

  static CommandRun create(String name, String node) {
    return nsbed("image", "create", "-p", "testbed", "--name", name, "--description", "snapshot of " + node,
        "--os", "FreeBSD", "--version", "10.3", "--node-types", "pc850", "--snapshot-node", node);
  }

  @BeforeAll
  static void experimentHoldingOneNode() throws Exception {
    Path ns = home.resolve("one.ns");
    Files.writeString(ns, "source tb_compat.tcl\nset ns [new Simulator]\nset n [$ns node]\n"
        + "tb-set-node-os $n FBSD-STD\ntb-set-hardware $n pc850\n$ns run\n");
    CommandRun start = nsbed("startexp", "-i", "-w", "-p", "testbed", "-e", "one", ns.toString());
    assertEquals(0, start.exit(), start.out() + start.err());
    pc = json("expinfo", "-e", "testbed,one").get("nodes").get(0).get("physical").asText();
  }

  @Test
  void snapshotNodeCapturesTheNodesDiskIntoTheNewImage() throws Exception {
    Path disk = home.resolve("disks/" + pc + ".img");
    try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
      f.seek(5L << 20);
      f.write("tools of the snapshot\n".repeat(64).getBytes(StandardCharsets.US_ASCII));
    }
    byte[] customised = Files.readAllBytes(disk);

    CommandRun run = create("SNAPPED", pc);
    assertEquals(0, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("created Image ID testbed/SNAPPED"), run.out());
    assertTrue(run.out().contains("done: captured " + pc), run.out());
    JsonNode image = json("image", "show", "testbed/SNAPPED");
    assertTrue(image.get("fileExists").asBoolean());
    assertEquals(Files.size(home.resolve("proj/testbed/images/SNAPPED.ndz")), image.get("sizeBytes").asLong());
    assertTrue(Files.readString(home.resolve("mail/tester")).contains("create_image testbed/SNAPPED from " + pc
        + " finished"));

    // The image really holds the node's disk: imageunzip gives back the customised bytes.
    Path unzipped = home.resolve("unzipped.img");
    CommandRun unzip = nsbed("imageunzip", home.resolve("proj/testbed/images/SNAPPED.ndz").toString(), unzipped.toString());
    assertEquals(0, unzip.exit(), unzip.out() + unzip.err());
    assertArrayEquals(customised, Files.readAllBytes(unzipped));
  }

  @Test
  void remoteSnapshotNodeIsRefusedAndCreatesNothing() throws Exception {
    CommandRun run = create("REMOTE", "bpc181");
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.err().contains("never image from nodes whose name begins with b"), run.err());
    assertFalse(osids().contains("testbed/REMOTE"));
    assertEquals(1, nsbed("image", "show", "testbed/REMOTE").exit());
  }

  @Test
  void failedCaptureKeepsTheDescriptorAndSaysSo() throws Exception {
    // A directory where the image file goes: imagezip cannot write it, so the capture fails.
    Files.createDirectories(home.resolve("proj/testbed/images/BROKEN.ndz"));
    CommandRun run = create("BROKEN", pc);
    assertEquals(3, run.exit(), run.out() + run.err());
    assertTrue(run.out().contains("FAILED: "), run.out());
    assertTrue(run.err().contains("the Image ID testbed/BROKEN stays, without an image file"), run.err());
    assertTrue(osids().contains("testbed/BROKEN"));
    assertTrue(Files.readString(home.resolve("mail/tester")).contains("create_image testbed/BROKEN from " + pc
        + " failed"));
  }
}
