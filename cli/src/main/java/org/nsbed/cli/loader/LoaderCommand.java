package org.nsbed.cli.loader;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nsbed loader}: serve or fetch an image by multicast by hand. */
@Command(name = "loader", mixinStandardHelpOptions = true,
    description = "Multicast image distribution: serve an image, or fetch one onto a disk.",
    subcommands = {LoaderServeCommand.class, LoaderFetchCommand.class, CommandLine.HelpCommand.class})
public final class LoaderCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
