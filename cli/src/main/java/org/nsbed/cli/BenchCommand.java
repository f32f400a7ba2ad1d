package org.nsbed.cli;

import org.nsbed.cli.loader.BenchLoaderCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nsbed bench}: the benchmarks that back nsbed's performance claims. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks; each prints a table, or JSON with --json.",
    subcommands = {BenchLoaderCommand.class, BenchParseCommand.class, org.nsbed.cli.experiment.BenchSwapinCommand.class,
        org.nsbed.cli.server.BenchServerCommand.class, CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
