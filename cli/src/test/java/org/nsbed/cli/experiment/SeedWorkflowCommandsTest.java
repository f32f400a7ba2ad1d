package org.nsbed.cli.experiment;

import org.nsbed.cli.CommandRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The custom OS image workflow through the commands a user types (docs/lifecycle.md, "The
 * custom-image workflow of the user documentation"): startexp with the seed's NS file, the New
 * Image Descriptor form, create_image, a second experiment with the new OSID, os_load back to the
 * default image, endexp; and the refusals.
 */
class SeedWorkflowCommandsTest {
  @TempDir Path home;

  private CommandRun nsbed(String... args) {
    return CommandRun.nsbed(List.of("--home", home.toString(), "--user", "tester"), args);
  }

  private JsonNode expinfo(String eid) throws Exception {
    CommandRun r = nsbed("--json", "expinfo", "-e", "testbed," + eid);
    assertEquals(0, r.exit(), r.err());
    return new ObjectMapper().readTree(r.out());
  }

  private Path ns(String name, String... lines) throws Exception {
    Path file = home.resolve(name);
    Files.writeString(file, "source tb_compat.tcl\nset ns [new Simulator]\n" + String.join("\n", lines) + "\n$ns run\n");
    return file;
  }

  @Test
  void theSeedDocumentsWorkflowRunsThroughTheCommands() throws Exception {
    CommandRun start = nsbed("startexp", "-i", "-w", "-p", "testbed", "-e", "base", "../examples-ns/seed.ns");
    assertEquals(0, start.exit(), start.out() + start.err());
    assertTrue(start.out().contains("failure action"), "ends with the summary table: " + start.out());
    JsonNode base = expinfo("base");
    assertEquals("active", base.get("state").asText());
    JsonNode nodeA = base.get("nodes").get(0);
    for (String key : List.of("name", "physical", "type", "os", "image", "failureAction", "status", "reason")) {
      assertTrue(nodeA.has(key), key);
    }
    assertEquals("up", nodeA.get("status").asText());
    String pcA = nodeA.get("physical").asText();

    // Customise the node, then the New Image Descriptor form and create_image.
    try (RandomAccessFile f = new RandomAccessFile(home.resolve("disks/" + pcA + ".img").toFile(), "rw")) {
      f.seek(5L << 20);
      f.write("custom software installed\n".repeat(64).getBytes(StandardCharsets.US_ASCII));
    }
    byte[] customised = Files.readAllBytes(home.resolve("disks/" + pcA + ".img"));
    CommandRun form = nsbed("image", "create", "-p", "testbed", "--name", "MYIMG", "--description", "my image",
        "--os", "FreeBSD", "--version", "10.3", "--node-types", "pc850");
    assertEquals(0, form.exit(), form.err());
    CommandRun capture = nsbed("create_image", "-w", "-p", "testbed", "MYIMG", pcA);
    assertEquals(0, capture.exit(), capture.out() + capture.err());
    assertTrue(Files.readString(home.resolve("mail/tester")).contains("create_image testbed/MYIMG from " + pcA
        + " finished"));

    CommandRun second = nsbed("startexp", "-i", "-w", "-p", "testbed", "-e", "test",
        ns("test.ns", "set n [$ns node]", "tb-set-node-os $n MYIMG").toString());
    assertEquals(0, second.exit(), second.out() + second.err());
    JsonNode n = expinfo("test").get("nodes").get(0);
    assertEquals("testbed/MYIMG", n.get("image").asText());
    String pcB = n.get("physical").asText();
    assertNotEquals(pcA, pcB);
    assertArrayEquals(customised, Files.readAllBytes(home.resolve("disks/" + pcB + ".img")));

    CommandRun console = nsbed("console", pcB);
    assertTrue(console.out().contains("frisbee:") && console.out().contains(pcB + " login:"), console.out());

    CommandRun reload = nsbed("os_load", pcB);
    assertEquals(0, reload.exit(), reload.out() + reload.err());
    assertEquals("emulab-ops/Ubuntu-STD", expinfo("test").get("nodes").get(0).get("image").asText(),
        "os_load without -i loads the type's default image");

    CommandRun end = nsbed("endexp", "-w", "-e", "testbed,test");
    assertEquals(0, end.exit(), end.err());
    CommandRun gone = nsbed("expinfo", "-e", "testbed,test");
    assertEquals(1, gone.exit(), "endexp deletes the experiment");
    assertTrue(gone.err().contains("no experiment testbed/test"), gone.err());
  }

  @Test
  void refusalsAreOneLineErrorsWithExitStatusOne() throws Exception {
    CommandRun start = nsbed("startexp", "-i", "-w", "-p", "testbed", "-e", "one",
        ns("one.ns", "set n [$ns node]", "tb-set-node-os $n FBSD-STD").toString());
    assertEquals(0, start.exit(), start.err());
    String pc = expinfo("one").get("nodes").get(0).get("physical").asText();

    CommandRun remote = nsbed("create_image", "-p", "testbed", "FBSD-STD", "bpc181");
    assertEquals(1, remote.exit());
    assertTrue(remote.err().contains("never image from nodes whose name begins with b"), remote.err());

    CommandRun noDescriptor = nsbed("create_image", "-p", "testbed", "NOPE", pc);
    assertEquals(1, noDescriptor.exit());
    assertTrue(noDescriptor.err().contains("No such image descriptor NOPE in project testbed!"), noDescriptor.err());

    CommandRun noImage = nsbed("os_load", "-i", "NOSUCH", pc);
    assertEquals(1, noImage.exit());
    assertTrue(noImage.err().contains("No such image NOSUCH!"), noImage.err());

    CommandRun free = nsbed("os_load", "pc12");
    assertTrue(free.err().contains("Node pc12 is not reserved; reserve it first!"), free.err());

    CommandRun again = nsbed("swapexp", "-e", "testbed,one", "in");
    assertEquals(1, again.exit());
    assertTrue(again.err().contains("cannot swap in experiment testbed/one: it is active"), again.err());

    CommandRun broken = nsbed("startexp", "-p", "testbed", "-e", "broken",
        ns("broken.ns", "set n [$ns node]", "tb-set-node-os $n NO-SUCH-OS").toString());
    assertEquals(1, broken.exit());
    assertTrue(broken.err().contains("NO-SUCH-OS"), broken.err());
    assertEquals(1, nsbed("expinfo", "-e", "testbed,broken").exit(), "a file with errors creates nothing");

    CommandRun queued = nsbed("startexp", "-i", "-p", "testbed", "-e", "later",
        ns("later.ns", "set n [$ns node]").toString());
    assertEquals(0, queued.exit(), queued.err());
    assertTrue(queued.out().contains("swap-in queued"), queued.out());
    assertEquals("activating", new ObjectMapper().readTree(nsbed("--json", "expinfo", "--now", "-e", "testbed,later")
        .out()).get("state").asText(), "nothing ran the job yet");
    assertEquals("active", expinfo("later").get("state").asText(), "expinfo runs the queued swap-in");

    CommandRun noImageForType = nsbed("startexp", "-i", "-w", "-p", "testbed", "-e", "remote",
        ns("remote.ns", "set n [$ns node]", "tb-set-hardware $n bpc2133", "tb-set-node-os $n CentOS7-STD").toString());
    assertEquals(1, noImageForType.exit(), noImageForType.out() + noImageForType.err());
    assertTrue(noImageForType.err().contains("OSID CentOS7-STD has no image for node type bpc2133"),
        noImageForType.err());
    assertEquals(1, nsbed("expinfo", "-e", "testbed,remote").exit(), "refused before anything was stored");
  }
}
