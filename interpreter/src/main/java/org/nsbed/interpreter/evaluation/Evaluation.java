package org.nsbed.interpreter.evaluation;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nsbed.grammar.ScriptCommand;
import org.nsbed.grammar.SourcePosition;
import org.nsbed.grammar.TclScript;
import org.nsbed.interpreter.finalization.Finalizer;
import org.nsbed.interpreter.ir.Diagnostic;
import org.nsbed.interpreter.ir.VirtualExperiment;
import org.nsbed.interpreter.ns.NewCommand;
import org.nsbed.interpreter.ns.NsSession;
import org.nsbed.interpreter.tcl.Tcl86;
import org.nsbed.interpreter.tcl.Tcl86Interp;
import org.nsbed.interpreter.testbed.TbCommands;
import tcl.lang.Interp;
import tcl.lang.TCL;
import tcl.lang.TclException;
import tcl.lang.TclInterruptedException;
import tcl.lang.TclString;

/**
 * One evaluation of an NS file on a fresh, hardened Jacl interpreter. The top-level commands of
 * the file are evaluated one at a time, so every diagnostic knows its line; a Tcl error is
 * reported and evaluation goes on with the next top-level command, as a compiler would.
 *
 * <p>Must be created and run on the thread that evaluates; only {@link #interrupt} may be called
 * from another thread (the watchdog).
 */
public final class Evaluation {

  /** Why an evaluation was stopped from outside. */
  public enum Stop {
    TIME, MEMORY
  }

  private static final Pattern UNREADABLE = Pattern.compile("^can't read \"([^\"(]+)");
  private static final Pattern FAILED_WORD =
      Pattern.compile("(?:while executing|invoked from within)\\n\"([^\\s\"\\[$]+)");

  private final TclScript script;
  private final String text;
  private final NsSession.Settings settings;
  private final Interp interp;
  private final NsSession session;
  private final SourceLocator locator;
  private final Map<String, Integer> failedAssignments = new java.util.HashMap<>();
  private volatile Stop stop;
  private boolean disposed;
  private VirtualExperiment ir;

  /**
   * Prepares the interpreter.
   *
   * @param script the file, already read by the grammar without syntax errors
   * @param text the file's text
   * @param includedFiles files that {@code source} may read, by name
   */
  public Evaluation(TclScript script, String text, NsSession.Settings settings, Map<String, String> includedFiles)
      throws TclException {
    this.script = script;
    this.text = text;
    this.settings = settings;
    this.interp = new Tcl86Interp();
    this.locator = new SourceLocator(interp, script);
    this.session = new NsSession(interp, settings, locator);
    SandboxCommands.install(interp, session, includedFiles);
    Tcl86.install(interp);
    interp.createCommand("set", new AssignmentNaming(session, interp.getCommand("set")));
    interp.createCommand("new", new NewCommand(session));
    List<String> tbCommands = TbCommands.install(session);
    interp.createCommand("unknown", new UnknownCommand(tbCommands));
    interp.eval("namespace eval GLOBALS {}; namespace eval TBCOMPAT {}");
    setGlobal("::GLOBALS::pid", settings.project());
    setGlobal("::GLOBALS::eid", settings.experiment());
    setGlobal("::GLOBALS::security_level", "0");
  }

  private void setGlobal(String name, String value) throws TclException {
    interp.setVar(name, null, TclString.newInstance(value == null ? "" : value), TCL.GLOBAL_ONLY);
  }

  /** Stops a running evaluation at its next command (called by the watchdog). */
  public void interrupt(Stop why) {
    if (stop == null) {
      stop = why;
    }
    interp.setInterrupted();
  }

  /** Evaluates the file and finalizes it. */
  public void run(long heapLimitMiB, long timeLimitMillis) {
    List<ScriptCommand> commands = script.commands();
    boolean finished = false;
    try {
      for (int i = 0; i < commands.size() && !session.tooManyErrors(); i++) {
        locator.enter(i);
        try {
          // Jacl reads backslash-CR-LF as an escaped CR, not as a continuation line as
          // Tcl's source does; line numbers come from the grammar, so the CRs can go.
          interp.eval(commands.get(i).text().replace("\r\n", "\n"), 0);
        } catch (TclException e) {
          if (e.getCompletionCode() == TCL.RETURN) {
            break;
          }
          tclError(e);
          rememberFailedAssignment(commands.get(i));
        }
      }
      finished = !session.tooManyErrors();
    } catch (TclInterruptedException e) {
      limit(stop == Stop.MEMORY ? memoryMessage(heapLimitMiB) : stop == Stop.TIME
          ? "evaluation exceeded its time limit of " + seconds(timeLimitMillis)
              + " (a loop that never ends?); it was stopped here" : null);
    } catch (OutOfMemoryError e) {
      // The interpreter holds the runaway value; drop it before doing anything else.
      dispose();
      limit(memoryMessage(heapLimitMiB));
    } catch (StackOverflowError e) {
      limit("evaluation nested too deeply (a proc that calls itself without end?)");
    }
    if (session.tooManyErrors()) {
      session.diagnostics().add(diagnostic(locator.topLevelName(), "evaluation stopped after "
          + NsSession.MAX_ERRORS + " errors", locator.topLevel()));
    }
    if (finished && session.result() == null) {
      SourcePosition end = new SourcePosition(settings.file(), lastLine(), 1);
      session.error("run", "No 'Simulator run' statement found: end the file with $ns run.", end);
    }
    ir = session.result() != null ? session.result() : new Finalizer(session).finish(false);
  }

  private static String memoryMessage(long heapLimitMiB) {
    return "evaluation exceeded its memory limit of " + heapLimitMiB + " MiB (a string or list that grows without "
        + "end?); it was stopped here";
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  /** A limit error names the top-level command that was running and its line. */
  private void limit(String message) {
    if (message != null) {
      session.diagnostics().add(diagnostic(locator.topLevelName(), message, locator.topLevel()));
    }
  }

  private static Diagnostic diagnostic(String command, String message, SourcePosition at) {
    return new Diagnostic(Diagnostic.ERROR, command, message, at.file(), at.line(), at.column());
  }

  private void tclError(TclException e) {
    String message;
    SourcePosition at;
    String command = null;
    if (e.getCompletionCode() == TCL.BREAK || e.getCompletionCode() == TCL.CONTINUE) {
      message = "invoked \"" + (e.getCompletionCode() == TCL.BREAK ? "break" : "continue") + "\" outside of a loop";
      at = locator.topLevel();
    } else {
      message = interp.getResult().toString();
      Matcher unreadable = UNREADABLE.matcher(message);
      if (unreadable.find() && failedAssignments.containsKey(unreadable.group(1))) {
        message += " (its assignment at line " + failedAssignments.get(unreadable.group(1)) + " failed)";
      }
      String errorInfo = errorInfo();
      at = locator.locateError(errorInfo);
      Matcher m = FAILED_WORD.matcher(errorInfo);
      if (m.find()) {
        command = m.group(1);
      }
    }
    session.error(command, message, at);
  }

  /** A top-level {@code set var ...} that failed leaves {@code var} unset; later reads say why. */
  private void rememberFailedAssignment(ScriptCommand command) {
    if (command.name().equals("set") && command.words().size() == 3) {
      command.words().get(1).literal().ifPresent(v -> failedAssignments.put(v.replaceAll("\\(.*", ""),
          command.position().line()));
    }
  }

  private String errorInfo() {
    try {
      return interp.getVar("errorInfo", null, TCL.GLOBAL_ONLY).toString();
    } catch (TclException e) {
      return "";
    }
  }

  /** The last line that holds anything. */
  private int lastLine() {
    String body = text.stripTrailing();
    int lines = 1;
    for (int i = 0; i < body.length(); i++) {
      if (body.charAt(i) == '\n') {
        lines++;
      }
    }
    return lines;
  }

  /** The IR (after {@link #run}). */
  public VirtualExperiment ir() {
    return ir;
  }

  /** Diagnostics in the order they were found. */
  public List<Diagnostic> diagnostics() {
    return session.diagnostics();
  }

  /** What the file printed with {@code puts}. */
  public String output() {
    return session.output();
  }

  /**
   * Releases the interpreter. The NS objects' commands are deleted first: Jacl's own teardown
   * takes time quadratic in the number of commands.
   */
  public void dispose() {
    if (!disposed) {
      disposed = true;
      for (String name : session.objectNames()) {
        interp.deleteCommand(name);
      }
      interp.dispose();
    }
  }
}
