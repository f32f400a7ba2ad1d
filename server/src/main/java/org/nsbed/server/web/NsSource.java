package org.nsbed.server.web;

import java.util.ArrayList;
import java.util.List;
import org.nsbed.interpreter.ir.Diagnostic;

/**
 * An NS file as the begin and modify pages show it after a check: its numbered lines, the lines
 * with an error highlighted and each message under its line.
 */
public record NsSource(List<Line> lines, List<Diagnostic> diagnostics, boolean ok) {

  /** One line of the file and the messages about it. */
  public record Line(int number, String text, List<String> messages) {
    public boolean bad() {
      return !messages.isEmpty();
    }
  }

  static NsSource of(String fileName, String text, List<Diagnostic> diagnostics) {
    List<Line> lines = new ArrayList<>();
    int number = 1;
    for (String line : text.split("\r?\n", -1)) {
      List<String> messages = new ArrayList<>();
      for (Diagnostic d : diagnostics) {
        if (d.line() == number && (d.file() == null || d.file().equals(fileName))) {
          // The form the CLI prints, without the place: the line itself is the place.
          messages.add(d.format().substring((d.file() + ":" + d.line() + ":" + d.column() + ": ").length()));
        }
      }
      lines.add(new Line(number++, line, messages));
    }
    return new NsSource(lines, diagnostics, diagnostics.stream().noneMatch(Diagnostic::isError));
  }
}
