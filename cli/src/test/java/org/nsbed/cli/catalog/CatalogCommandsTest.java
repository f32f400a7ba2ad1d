package org.nsbed.cli.catalog;

import org.nsbed.cli.CommandRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalogue commands end to end on the embedded database with the default testbed. */
class CatalogCommandsTest {

  static Path home;

  static CommandRun nsbed(String... args) {
    return CommandRun.nsbed(List.of("--home", home.toString(), "--user", "tester", "-q"), args);
  }

  static JsonNode json(CommandRun run) throws Exception {
    assertEquals(0, run.exit(), run.err());
    return new ObjectMapper().readTree(run.out());
  }

  @BeforeAll
  static void freshHome() throws Exception {
    home = Files.createTempDirectory("nsbed-cli-");
  }

  @Test
  void firstUseImportsTheDefaultTestbedWithItsStandardImages() throws Exception {
    JsonNode nodes = json(nsbed("node", "list", "--json"));
    assertTrue(nodes.size() >= 20);
    JsonNode first = nodes.get(0);
    for (String key : List.of("name", "type", "state", "pid", "eid", "vname")) {
      assertTrue(first.has(key), key);
    }
    assertTrue(Files.isRegularFile(home.resolve("testbed.yaml")));
    JsonNode images = json(nsbed("image", "list", "--json"));
    List<String> names = new ArrayList<>();
    images.forEach(i -> names.add(i.get("name").asText()));
    assertTrue(names.containsAll(List.of("FBSD-STD", "Ubuntu-STD", "CentOS7-STD")), names.toString());
    for (String name : List.of("FBSD-STD", "Ubuntu-STD", "CentOS7-STD")) {
      assertTrue(Files.size(home.resolve("proj/emulab-ops/images/" + name + ".ndz")) > 0);
    }
    for (String key : List.of("name", "project", "path", "global", "shared", "loadPartition", "nodeTypes", "osids")) {
      assertTrue(images.get(0).has(key), key);
    }
  }

  @Test
  void freeNodesAreListed() throws Exception {
    JsonNode free = json(nsbed("node", "list", "--free", "--json"));
    free.forEach(n -> assertEquals("free", n.get("state").asText()));
  }

  @Test
  void testbedInitTwiceChangesNothing() throws Exception {
    json(nsbed("testbed", "init", "--json"));
    JsonNode second = json(nsbed("testbed", "init", "--json"));
    assertEquals(0, second.get("created").asInt());
    assertEquals(0, second.get("updated").asInt());
  }

  @Test
  void badImageFieldExitsOneNamingTheField() {
    CommandRun run = nsbed("image", "create", "-p", "testbed", "--name", "bad name", "--description", "d", "--os", "Linux",
        "--version", "1", "--node-types", "pc850");
    assertEquals(1, run.exit());
    assertTrue(run.err().contains("--name: 'bad name' is not a valid descriptor name"), run.err());
    CommandRun path = nsbed("image", "create", "-p", "testbed", "--name", "X1", "--description", "d", "--os", "Linux",
        "--version", "1", "--node-types", "pc850", "--path", "/proj/testbed/images/../../otherproj/images/X1.ndz");
    assertEquals(1, path.exit());
    assertTrue(path.err().contains("--path:"), path.err());
  }

  @Test
  void createdImageIsListedShownAndDeleted() throws Exception {
    CommandRun create = nsbed("image", "create", "-p", "testbed", "--name", "MY-UBUNTU", "--description", "mine",
        "--os", "Linux", "--version", "16.04", "--node-types", "pc850,pc3000", "--load-partition", "2");
    assertEquals(0, create.exit(), create.err());
    JsonNode shown = json(nsbed("image", "show", "testbed/MY-UBUNTU", "--json"));
    assertEquals(2, shown.get("loadPartition").asInt());
    assertEquals("/proj/testbed/images/MY-UBUNTU.ndz", shown.get("path").asText());
    JsonNode osid = json(nsbed("osid", "show", "testbed/MY-UBUNTU", "--json"));
    assertEquals("testbed/MY-UBUNTU", osid.get("runsOn").get("pc850").asText());
    assertEquals(0, nsbed("image", "delete", "testbed/MY-UBUNTU").exit());
    assertEquals(1, nsbed("image", "show", "testbed/MY-UBUNTU").exit());
  }

  @Test
  void refusedSnapshotCreatesNoDescriptor() throws Exception {
    CommandRun run = nsbed("image", "create", "-p", "testbed", "--name", "SNAP", "--description", "snap", "--os", "Linux",
        "--version", "1", "--node-types", "pc850", "--snapshot-node", "pc1");
    assertEquals(1, run.exit(), run.out() + run.err());
    assertTrue(run.err().contains("Node pc1 is not reserved; reserve it first!"), run.err());
    JsonNode list = json(nsbed("osid", "list", "--json"));
    List<String> names = new ArrayList<>();
    list.forEach(o -> names.add(o.get("name").asText()));
    assertTrue(!names.contains("SNAP"), names.toString());
    assertEquals(1, nsbed("image", "show", "testbed/SNAP").exit());
  }
}
