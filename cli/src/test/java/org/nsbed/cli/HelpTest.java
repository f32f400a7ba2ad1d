package org.nsbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HelpTest {
  @TempDir Path home;

  /** Picocli reports a description it cannot format (a bare %) on standard error, which CommandRun captures. */
  @Test
  void everyCommandPrintsItsHelpWithoutComplaint() {
    List<List<String>> commands = new ArrayList<>();
    collect(Nsbed.commandLine(new String[0]), new ArrayList<>(), commands);
    assertTrue(commands.size() > 20, commands.toString());
    for (List<String> command : commands) {
      List<String> args = new ArrayList<>(command);
      args.add("--help");
      CommandRun run = CommandRun.nsbed(List.of("--home", home.toString()), args.toArray(String[]::new));
      assertEquals(0, run.exit(), command + ": " + run.err());
      assertTrue(run.out().contains("Usage: nsbed " + String.join(" ", command)), command + ": " + run.out());
      assertEquals("", run.err(), command.toString());
    }
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
    for (var sub : command.getSubcommands().entrySet()) {
      if (!sub.getKey().equals(sub.getValue().getCommandName())) {
        continue; // an alias
      }
      List<String> here = new ArrayList<>(path);
      here.add(sub.getKey());
      into.add(here);
      collect(sub.getValue(), here, into);
    }
  }
}
