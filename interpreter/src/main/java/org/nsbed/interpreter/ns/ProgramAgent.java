package org.nsbed.interpreter.ns;

import org.nsbed.grammar.SourcePosition;

/**
 * A program agent: a command run on a node when an event starts it ({@code new Program $ns},
 * {@code $node program-agent}, {@code tb-set-node-startcmd}).
 */
public final class ProgramAgent extends NsObject {

  private NsNode node;
  private String command;
  private String directory;
  private Double timeout;
  private Integer expectedExitCode;
  private NsNode startCommandOf;

  ProgramAgent(NsSession session, String internalName, SourcePosition created) {
    super(session, internalName, created);
  }

  /** {@code $node program-agent -command ... -dir ... -timeout ... -expected-exit-code ...}. */
  static ProgramAgent create(Call call, NsNode node, int firstOption) throws NsError {
    NsSession session = call.session();
    ProgramAgent p = new ProgramAgent(session, session.nextName("program"), call.position());
    p.node = node;
    p.options(call, firstOption);
    session.programs().add(p);
    return session.register(p, true);
  }

  /** The program {@code <node>_startcmd}, started at time 0. */
  static ProgramAgent startCommand(Call call, NsNode node, String command) {
    NsSession session = call.session();
    ProgramAgent p = new ProgramAgent(session, session.nextName("_startcmd"), call.position());
    p.node = node;
    p.command = command;
    p.startCommandOf = node;
    session.programs().add(p);
    session.events().add(new ScheduledEvent(0, "timer", p, "PROGRAM", "START", "", call.position()));
    return session.register(p, false);
  }

  @Override
  public String className() {
    return "Program";
  }

  /** Its name in the output: {@code <node>_startcmd} for start commands. */
  public String programName() {
    return startCommandOf != null ? startCommandOf.name() + "_startcmd" : name();
  }

  @Override
  protected Object invoke(Call call, String method) throws NsError {
    if (method.equals("set")) {
      return attribute(call);
    }
    return unsupported(call, method);
  }

  /** Reads {@code -command X -dir Y -timeout T -expected-exit-code N} from argument {@code first}. */
  void options(Call call, int first) throws NsError {
    if ((call.count() - first) % 2 != 0) {
      throw call.error("options come in pairs: -command X -dir Y -timeout T -expected-exit-code N.");
    }
    for (int i = first; i < call.count(); i += 2) {
      String option = call.arg(i);
      if (!option.startsWith("-")) {
        throw call.error("expected an option (-command, -dir, -timeout, -expected-exit-code), got '" + option + "'.");
      }
      set(call, option.substring(1), call.arg(i + 1), i + 1);
    }
  }

  @Override
  protected void attributeChanged(Call call, String key, String value) throws NsError {
    set(call, key, value, 1);
  }

  private void set(Call call, String key, String value, int valueIndex) throws NsError {
    switch (key) {
      case "node" -> {
        if (!(session.object(value) instanceof NsNode n)) {
          throw call.error(value + " is not a node.");
        }
        node = n;
      }
      case "command" -> command = value;
      case "dir" -> directory = value;
      case "timeout" -> {
        try {
          timeout = org.nsbed.interpreter.value.TimeSpec.parseSeconds(value);
        } catch (org.nsbed.interpreter.value.ValueException e) {
          throw call.error(e.getMessage());
        }
      }
      case "expected-exit-code" -> expectedExitCode = call.integer(valueIndex);
      case "tag" -> attributes().put("tag", value);
      default -> throw call.error("unknown program option " + key
          + " (known: node, command, dir, timeout, expected-exit-code, tag).");
    }
  }

  public NsNode node() {
    return node;
  }

  public String command() {
    return command;
  }

  public String directory() {
    return directory;
  }

  public Double timeout() {
    return timeout;
  }

  public Integer expectedExitCode() {
    return expectedExitCode;
  }
}
