package org.nsbed.interpreter.evaluation;

import java.util.List;
import java.util.Map;
import org.nsbed.interpreter.ns.NsSession;
import tcl.lang.Command;
import tcl.lang.Interp;
import tcl.lang.TclException;
import tcl.lang.TclObject;

/**
 * The hardened interpreter's command set: Jacl's commands that reach files, processes, the
 * network, other interpreters, Java or the event loop are deleted (Jacl's safe interpreter is not
 * enough: {@code package require java} escapes it) and replaced by commands that fail with
 * "X is not available in NS files"; {@code puts} writes to the parse's output and {@code source}
 * accepts only {@code tb_compat.tcl} and files given alongside the NS file.
 */
final class SandboxCommands {

  /** Commands removed from the interpreter. */
  static final List<String> REMOVED = List.of(
      "exec", "open", "file", "socket", "load", "package", "interp", "cd", "pwd", "glob", "exit", "close", "read",
      "gets", "seek", "tell", "eof", "flush", "fconfigure", "fblocked", "vwait", "after", "update", "encoding",
      "auto_load", "auto_execok", "auto_mkindex", "auto_reset", "pkg_mkIndex", "tclPkgSetup", "tclPkgUnknown",
      "tclMacPkgSearch", "tclLog", "jaclloadjava", "jaclloaditcl", "jaclloadtjc", "jaclloadparser");

  /** Output beyond this many characters is cut off. */
  static final int OUTPUT_LIMIT = 1 << 20;

  private SandboxCommands() {}

  /** Removes the dangerous commands and installs the replacements. */
  static void install(Interp interp, NsSession session, Map<String, String> includedFiles) throws TclException {
    for (String name : REMOVED) {
      interp.deleteCommand(name);
      interp.createCommand(name, unavailable(name));
    }
    for (String name : javaCommands(interp)) {
      interp.deleteCommand(name);
    }
    interp.createCommand("puts", new Puts(session));
    interp.createCommand("source", new Source(session, includedFiles));
  }

  private static List<String> javaCommands(Interp interp) throws TclException {
    interp.eval("info commands java*");
    TclObject result = interp.getResult();
    List<String> names = new java.util.ArrayList<>();
    for (TclObject o : tcl.lang.TclList.getElements(interp, result)) {
      names.add(o.toString());
    }
    return names;
  }

  private static Command unavailable(String name) {
    return (interp, argv) -> {
      throw new TclException(interp, name + " is not available in NS files");
    };
  }

  /** {@code puts ?-nonewline? ?stdout|stderr? text}: appended to the parse's output. */
  private record Puts(NsSession session) implements Command {
    @Override
    public void cmdProc(Interp interp, TclObject[] argv) throws TclException {
      int i = 1;
      boolean newline = true;
      if (i < argv.length - 1 && argv[i].toString().equals("-nonewline")) {
        newline = false;
        i++;
      }
      if (argv.length - i == 2) {
        String channel = argv[i].toString();
        if (!channel.equals("stdout") && !channel.equals("stderr")) {
          throw new TclException(interp, "channel " + channel + " is not available in NS files (files cannot be opened)");
        }
        i++;
      }
      if (argv.length - i != 1) {
        throw new TclException(interp, "wrong # args: should be \"puts ?-nonewline? ?channelId? string\"");
      }
      session.print(argv[i] + (newline ? "\n" : ""), OUTPUT_LIMIT);
      interp.resetResult();
    }
  }

  /** {@code source FILE}: {@code tb_compat.tcl} is built in; other files only if given alongside. */
  private record Source(NsSession session, Map<String, String> includedFiles) implements Command {
    @Override
    public void cmdProc(Interp interp, TclObject[] argv) throws TclException {
      if (argv.length != 2) {
        throw new TclException(interp, "wrong # args: should be \"source fileName\"");
      }
      String path = argv[1].toString();
      String base = path.substring(path.lastIndexOf('/') + 1);
      if (base.equals("tb_compat.tcl")) {
        interp.resetResult();
        return;
      }
      String text = includedFiles.get(path);
      if (text == null) {
        text = includedFiles.get(base);
      }
      if (text == null) {
        throw new TclException(interp, "source " + path + " is not available in NS files: only tb_compat.tcl, "
            + "or a file given alongside the NS file");
      }
      session.experimentSettings().merge("externalSourceFiles", path, (a, b) -> a + " " + b);
      interp.eval(text, 0);
    }
  }
}
