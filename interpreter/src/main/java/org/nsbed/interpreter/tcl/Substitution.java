package org.nsbed.interpreter.tcl;

import java.util.ArrayList;
import java.util.List;
import tcl.lang.Interp;
import tcl.lang.TclException;
import tcl.lang.TclObject;

/**
 * A piece of text with Tcl's substitutions (backslashes, {@code $variables} and
 * {@code [commands]}), read once and performed on demand: quoted operands and array indexes
 * inside expressions.
 */
final class Substitution {

  /** One part of the text: a literal, a variable or a command. */
  sealed interface Part permits Literal, Variable, CommandPart {
    String value(Interp interp) throws TclException;
  }

  record Literal(String text) implements Part {
    @Override
    public String value(Interp interp) {
      return text;
    }
  }

  /** {@code $name} or {@code $name(index)}; {@code end} is where the reference ends in its text. */
  record Variable(String name, Substitution index, int end) implements Part {
    @Override
    public String value(Interp interp) throws TclException {
      return read(interp).toString();
    }

    TclObject read(Interp interp) throws TclException {
      return interp.getVar(name, index == null ? null : index.value(interp), 0);
    }
  }

  record CommandPart(String script) implements Part {
    @Override
    public String value(Interp interp) throws TclException {
      interp.eval(script, 0);
      return interp.getResult().toString();
    }
  }

  private final List<Part> parts;
  final int end;

  private Substitution(List<Part> parts, int end) {
    this.parts = parts;
    this.end = end;
  }

  List<Part> parts() {
    return parts;
  }

  String value(Interp interp) throws TclException {
    if (parts.size() == 1) {
      return parts.get(0).value(interp);
    }
    StringBuilder out = new StringBuilder();
    for (Part p : parts) {
      out.append(p.value(interp));
    }
    return out.toString();
  }

  /**
   * Reads from {@code start} up to the unescaped {@code terminator}; {@link #end} is the
   * terminator's index, or -1 if the text ends first.
   */
  static Substitution read(String s, int start, char terminator) throws Unterminated {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = start;
    int n = s.length();
    while (i < n && s.charAt(i) != terminator) {
      char c = s.charAt(i);
      if (c == '\\') {
        i = backslash(s, i, literal);
      } else if (c == '$') {
        Variable v = variable(s, i);
        if (v == null) {
          literal.append('$');
          i++;
        } else {
          flush(literal, parts);
          parts.add(v);
          i = v.end();
        }
      } else if (c == '[') {
        int close = closeBracket(s, i + 1);
        if (close < 0) {
          throw new Unterminated("missing close-bracket");
        }
        flush(literal, parts);
        parts.add(new CommandPart(s.substring(i + 1, close)));
        i = close + 1;
      } else {
        literal.append(c);
        i++;
      }
    }
    flush(literal, parts);
    if (parts.isEmpty()) {
      parts.add(new Literal(""));
    }
    return new Substitution(parts, i < n ? i : -1);
  }

  /** A construct in the text is not closed. */
  static final class Unterminated extends Exception {
    Unterminated(String message) {
      super(message);
    }
  }

  private static void flush(StringBuilder literal, List<Part> parts) {
    if (literal.length() > 0) {
      parts.add(new Literal(literal.toString()));
      literal.setLength(0);
    }
  }

  /** The variable reference at {@code s[i] == '$'}, or null if a name does not follow. */
  static Variable variable(String s, int i) throws Unterminated {
    int n = s.length();
    int j = i + 1;
    if (j < n && s.charAt(j) == '{') {
      int close = s.indexOf('}', j + 1);
      if (close < 0) {
        throw new Unterminated("missing close-brace for variable name");
      }
      return new Variable(s.substring(j + 1, close), null, close + 1);
    }
    int nameStart = j;
    while (j < n) {
      char c = s.charAt(j);
      if (Character.isLetterOrDigit(c) || c == '_') {
        j++;
      } else if (c == ':' && j + 1 < n && s.charAt(j + 1) == ':') {
        j += 2;
        while (j < n && s.charAt(j) == ':') {
          j++;
        }
      } else {
        break;
      }
    }
    String name = s.substring(nameStart, j);
    if (j < n && s.charAt(j) == '(') {
      Substitution index = read(s, j + 1, ')');
      if (index.end < 0) {
        throw new Unterminated("missing )");
      }
      return new Variable(name, index, index.end + 1);
    }
    if (name.isEmpty()) {
      return null;
    }
    return new Variable(name, null, j);
  }

  /** The index of the ']' closing a command substitution whose script starts at {@code i}, or -1. */
  static int closeBracket(String s, int i) {
    int n = s.length();
    boolean wordStart = true;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
        wordStart = false;
        continue;
      }
      if (c == ']') {
        return i;
      }
      if (c == '[') {
        int close = closeBracket(s, i + 1);
        if (close < 0) {
          return -1;
        }
        i = close + 1;
        wordStart = false;
        continue;
      }
      if (c == '{' && wordStart) {
        int close = closeBrace(s, i);
        if (close < 0) {
          return -1;
        }
        i = close + 1;
        wordStart = false;
        continue;
      }
      if (c == '"' && wordStart) {
        i++;
        while (i < n && s.charAt(i) != '"') {
          if (s.charAt(i) == '\\') {
            i++;
          } else if (s.charAt(i) == '[') {
            int close = closeBracket(s, i + 1);
            if (close < 0) {
              return -1;
            }
            i = close;
          }
          i++;
        }
        i++;
        wordStart = false;
        continue;
      }
      wordStart = c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '\r';
      i++;
    }
    return -1;
  }

  /** The index of the '}' matching the '{' at {@code i}, or -1. */
  static int closeBrace(String s, int i) {
    int depth = 0;
    for (int j = i; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == '\\') {
        j++;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return j;
      }
    }
    return -1;
  }

  /** Appends the character(s) a backslash sequence at {@code i} stands for; returns the next index. */
  static int backslash(String s, int i, StringBuilder out) {
    int n = s.length();
    if (i + 1 >= n) {
      out.append('\\');
      return i + 1;
    }
    char c = s.charAt(i + 1);
    int j = i + 2;
    switch (c) {
      case 'n' -> out.append('\n');
      case 't' -> out.append('\t');
      case 'r' -> out.append('\r');
      case 'a' -> out.append('\u0007');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'v' -> out.append('\u000B');
      case '\n' -> {
        while (j < n && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
          j++;
        }
        out.append(' ');
      }
      case 'x', 'u', 'U' -> {
        int max = c == 'x' ? 2 : c == 'u' ? 4 : 8;
        int k = j;
        while (k < n && k - j < max && Character.digit(s.charAt(k), 16) >= 0) {
          k++;
        }
        if (k == j) {
          out.append(c);
        } else {
          out.appendCodePoint(Integer.parseInt(s.substring(j, k), 16));
          j = k;
        }
      }
      default -> {
        if (c >= '0' && c <= '7') {
          int k = i + 1;
          while (k < n && k - (i + 1) < 3 && s.charAt(k) >= '0' && s.charAt(k) <= '7') {
            k++;
          }
          out.append((char) (Integer.parseInt(s.substring(i + 1, k), 8) & 0xff));
          j = k;
        } else {
          out.append(c);
        }
      }
    }
    return j;
  }
}
