package org.nsbed.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.cli.CommandRun;

/**
 * The same command session, once on the embedded database and once as clients of a server
 * running on the home: every command prints the same text and JSON and ends with the same exit
 * status. Only what differs from run to run anyway is masked: times, timestamps, operation ids,
 * multicast groups, the name of the process that ran a job, and the live progress lines, whose
 * steps depend on timing.
 */
class ClientModeCommandsTest {
  @TempDir Path embeddedHome;
  @TempDir Path serverHome;

  /** One command as typed, and what it printed. */
  record Step(String command, int exit, String out, String err) {}

  @Test
  void commandsPrintTheSameThroughAServerAsOnTheEmbeddedDatabase() throws Exception {
    List<Step> embedded = session(embeddedHome, false);
    List<Step> client = session(serverHome, true);
    assertEquals(embedded.size(), client.size());
    for (int i = 0; i < embedded.size(); i++) {
      assertEquals(embedded.get(i), client.get(i), "step " + i + ": " + embedded.get(i).command());
    }
    assertTrue(embedded.stream().anyMatch(s -> s.exit() == 1), "the session includes refusals");
    assertTrue(embedded.stream().anyMatch(s -> s.out().contains("login:")), "and a console");
  }

  private List<Step> session(Path home, boolean throughServer) throws Exception {
    ServerProcess server = null;
    if (throughServer) {
      server = ServerProcess.start(home);
    } else {
      ServerProcess.prepare(home);
    }
    try {
      Path one = home.resolve("one.ns");
      Files.writeString(one, "source tb_compat.tcl\nset ns [new Simulator]\nset n [$ns node]\n$ns run\n");
      Path broken = home.resolve("broken.ns");
      Files.writeString(broken, "source tb_compat.tcl\nset ns [new Simulator]\nset n [$ns node]\n"
          + "tb-set-node-os $n NO-SUCH-OS\n$ns run\n");
      List<Step> steps = new ArrayList<>();
      run(steps, home, "alice", "startexp", "-i", "-w", "-p", "testbed", "-e", "one", one.toString());
      assertTrue(lastRaw.lines().anyMatch(l -> l.matches("n \\(pc\\d+\\): up \\(emulab-ops/Ubuntu-STD\\)")),
          "live progress ends with the node up: " + lastRaw);
      run(steps, home, "alice", "expinfo", "-e", "testbed,one");
      run(steps, home, "alice", "--json", "expinfo", "-e", "testbed,one");
      run(steps, home, "bob", "expinfo", "-e", "testbed,one");
      run(steps, home, "alice", "expinfo", "-e", "testbed,nosuch");
      run(steps, home, "alice", "startexp", "-p", "testbed", "-e", "broken", broken.toString());
      run(steps, home, "alice", "startexp", "-p", "testbed", "-e", "one", one.toString());
      run(steps, home, "root", "--json", "node", "list");
      run(steps, home, "alice", "os_load", "-w", "-e", "testbed,one");
      run(steps, home, "alice", "console", "pc1");
      run(steps, home, "bob", "console", "pc1");
      run(steps, home, "alice", "image", "create", "-p", "testbed", "--name", "MYIMG", "--description", "mine",
          "--os", "Linux", "--version", "1", "--node-types", "pc850");
      run(steps, home, "alice", "create_image", "-w", "-p", "testbed", "MYIMG", "pc1");
      run(steps, home, "alice", "--json", "image", "list");
      run(steps, home, "alice", "osid", "list");
      run(steps, home, "alice", "node_reboot", "-w", "pc1");
      run(steps, home, "alice", "swapexp", "-e", "testbed,one", "out", "-w");
      run(steps, home, "alice", "endexp", "-w", "-e", "testbed,one");
      run(steps, home, "alice", "expinfo", "-e", "testbed,one");
      return steps;
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  private String lastRaw = "";

  private void run(List<Step> steps, Path home, String user, String... args) {
    CommandRun r = ServerProcess.nsbed(home, user, args);
    lastRaw = r.out();
    steps.add(new Step(user + " " + String.join(" ", args).replace(home.toString(), "HOME"), r.exit(),
        mask(r.out(), home), mask(r.err(), home)));
  }

  static String mask(String text, Path home) {
    return text.lines()
        .filter(l -> !l.matches("\\S+ \\(\\S+\\): (reserved|loading|booting|up|failed).*"))
        .filter(l -> !l.startsWith("nsbed: first use"))
        .filter(l -> !l.matches("frisbee: +\\d+%.*"))
        .map(l -> l.replace(home.toString(), "HOME")
            .replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "TIME")
            .replaceAll("\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+", "GROUP")
            .replaceAll("running on \\S+", "running on ENGINE")
            .replaceAll("\\d+\\.\\d+ s\\b", "N s")
            .replaceAll("\"(load|boot|total)Seconds\" : [0-9.]+", "\"$1Seconds\" : N")
            .replaceAll("(swapin|swapout|end|osload|createimage|reboot|reload)-[0-9a-f-]{36}", "$1-ID")
            .replaceAll("\"(sizeBytes|bytesDone|bytesTotal)\" : \\d+", "\"$1\" : N")
            .replaceAll("\"sha256\" : \"[0-9a-f]+\"", "\"sha256\" : \"H\"")
            .replaceAll("sha256 [0-9a-f]+\\.\\.\\.", "sha256 H...")
            .replaceAll("\\s+$", ""))
        .collect(Collectors.joining("\n"));
  }
}
