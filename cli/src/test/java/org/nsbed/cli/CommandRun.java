package org.nsbed.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** One nsbed command run in this JVM, as a user would type it, with its exit status and output. */
public record CommandRun(int exit, String out, String err) {

  /**
   * Runs {@code nsbed GLOBALS... ARGS...}. Standard output and error are process-wide, so runs are
   * serialised.
   */
  public static synchronized CommandRun nsbed(List<String> globals, String... args) {
    List<String> all = new ArrayList<>(globals);
    all.addAll(List.of(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      CommandLine cl = Nsbed.commandLine(all.toArray(String[]::new));
      cl.setErr(new PrintWriter(System.err, true));
      cl.setOut(new PrintWriter(System.out, true));
      int exit = cl.execute(all.toArray(String[]::new));
      return new CommandRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
