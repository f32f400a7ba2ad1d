package org.nsbed.interpreter.tcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tcl.lang.Interp;
import tcl.lang.TclException;

/**
 * Differential test against the real Tcl 8.6 shell: every generated case
 * ({@link DifferentialCases}) is evaluated by {@code tclsh8.6} (one process, one batch script) and
 * by nsbed's interpreter; each must give the same completion code and the same result, or for an
 * error the same first line of its message. Per-command counts go to standard output and to
 * {@code target/tcl86-differential.txt}.
 */
class Tcl86DifferentialTest {

  /** Runs one case in a fresh proc (fresh local variables) and reports code and result. */
  private static final String RUNNER = """
      proc nsbedCase {id script} {
        proc nsbedBody {} $script
        set code [catch nsbedBody result]
        if {$code == 1} {
          set result [lindex [split $result \\n] 0]
        }
        report $id $code $result
      }
      """;

  @Test
  void tcl86AndNsbedAgreeOnEveryGeneratedCase() throws Exception {
    Map<String, List<String>> cases = DifferentialCases.all();
    List<String> ids = new ArrayList<>();
    List<String> scripts = new ArrayList<>();
    cases.forEach((command, list) -> list.forEach(s -> {
      ids.add(command);
      scripts.add(s);
    }));
    StringBuilder batch = new StringBuilder(RUNNER);
    for (int i = 0; i < scripts.size(); i++) {
      batch.append("nsbedCase ").append(i).append(' ').append(quote(scripts.get(i))).append('\n');
    }
    String[] expected = tclsh(batch.toString(), scripts.size());
    String[] actual = nsbed(batch.toString(), scripts.size());

    Map<String, int[]> counts = new LinkedHashMap<>();
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < scripts.size(); i++) {
      int[] c = counts.computeIfAbsent(ids.get(i), k -> new int[2]);
      c[0]++;
      if (expected[i].equals(actual[i])) {
        c[1]++;
      } else {
        disagreements.add(ids.get(i) + ": " + scripts.get(i) + "\n    tclsh8.6: " + expected[i] + "\n    nsbed:    "
            + actual[i]);
      }
    }
    StringBuilder report = new StringBuilder("command  cases  agreeing\n");
    int total = 0;
    int agreeing = 0;
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      report.append(String.format("%-8s %6d %9d%n", e.getKey(), e.getValue()[0], e.getValue()[1]));
      total += e.getValue()[0];
      agreeing += e.getValue()[1];
    }
    report.append(String.format("%-8s %6d %9d%n", "total", total, agreeing));
    for (String d : disagreements) {
      report.append(d).append('\n');
    }
    System.out.print(report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "tcl86-differential.txt"), report);
    assertTrue(disagreements.isEmpty(), disagreements.size() + " of " + total + " cases disagree:\n"
        + String.join("\n", disagreements.subList(0, Math.min(40, disagreements.size()))));
  }

  /** The script as one bare Tcl word, every special character escaped (scripts may hold unbalanced braces). */
  private static String quote(String script) {
    StringBuilder b = new StringBuilder();
    for (char c : script.toCharArray()) {
      if (c == '\n') {
        b.append("\\n");
      } else {
        if ("\\{}[]$\"; \t#".indexOf(c) >= 0) {
          b.append('\\');
        }
        b.append(c);
      }
    }
    return b.toString();
  }

  private static String encode(String id, int code, String result) {
    return id + "\t" + code + "\t" + result.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
  }

  private static String[] tclsh(String batch, int n) throws IOException, InterruptedException {
    String script = "proc report {id code result} {puts \"$id\\t$code\\t[string map {\\\\ \\\\\\\\ \\n \\\\n "
        + "\\t \\\\t} $result]\"}\n" + batch;
    Path file = Files.createTempFile("tcl86-differential", ".tcl");
    Files.writeString(file, script);
    Path output = Files.createTempFile("tcl86-differential", ".out");
    Process p;
    try {
      p = new ProcessBuilder("tclsh8.6", file.toString()).redirectErrorStream(true).redirectOutput(output.toFile())
          .start();
    } catch (IOException e) {
      fail("tclsh8.6 is not installed (Debian: apt-get install -y tcl8.6); the differential test needs it: " + e);
      return null;
    }
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("tclsh8.6 did not finish within 120 s");
    }
    String out = Files.readString(output, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      fail("tclsh8.6 failed on " + file + ":\n" + out);
    }
    Files.delete(file);
    Files.delete(output);
    return lines(out, n, "tclsh8.6");
  }

  private static String[] nsbed(String batch, int n) throws TclException {
    Interp interp = new Tcl86Interp();
    try {
      Tcl86.install(interp);
      StringBuilder out = new StringBuilder();
      interp.createCommand("report", (in, argv) -> out.append(encode(argv[1].toString(),
          Integer.parseInt(argv[2].toString()), argv[3].toString())).append('\n'));
      interp.eval(batch, 0);
      return lines(out.toString(), n, "nsbed");
    } finally {
      interp.dispose();
    }
  }

  private static String[] lines(String out, int n, String who) {
    String[] result = new String[n];
    for (String line : out.split("\n")) {
      String[] f = line.split("\t", 2);
      if (f.length == 2 && f[0].matches("\\d+")) {
        result[Integer.parseInt(f[0])] = f[1];
      }
    }
    for (int i = 0; i < n; i++) {
      assertTrue(result[i] != null, who + " gave no result for case " + i + "; output:\n" + out);
    }
    assertEquals(n, result.length);
    return result;
  }
}
