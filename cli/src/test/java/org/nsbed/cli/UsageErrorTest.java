package org.nsbed.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageErrorTest {
  @TempDir Path home;

  @Test
  void aUsageErrorIsOneLineAndWhereToReadMoreNotTheWholeHelp() {
    CommandRun run = CommandRun.nsbed(List.of("--home", home.toString()), "startexp", "-e", "x", "file.ns");
    assertEquals(2, run.exit());
    assertEquals(List.of("nsbed: Missing required option: '-p=PID'", "Try `nsbed startexp --help` for the options."),
        run.err().lines().toList());
  }
}
