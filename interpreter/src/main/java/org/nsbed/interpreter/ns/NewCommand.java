package org.nsbed.interpreter.ns;

import java.util.Set;
import tcl.lang.Command;
import tcl.lang.Interp;
import tcl.lang.TclException;
import tcl.lang.TclObject;

/** {@code new <Class> ?arg?}: instantiates the ns-2 classes the reference knows. */
public final class NewCommand implements Command {

  private static final Set<String> AGENTS = Set.of("Agent/UDP", "Agent/TCP", "Agent/Null", "Agent/TCPSink",
      "Agent/TCP/FullTcp", "Agent/TCP/FullTcp/Reno", "Agent/TCP/FullTcp/Newreno", "Agent/TCP/FullTcp/Tahoe",
      "Agent/TCP/FullTcp/Sack");
  private static final Set<String> APPLICATIONS = Set.of("Application/Traffic/CBR", "Application/FTP",
      "Application/Telnet");

  private final NsSession session;

  public NewCommand(NsSession session) {
    this.session = session;
  }

  @Override
  public void cmdProc(Interp interp, TclObject[] argv) throws TclException {
    if (argv.length < 2) {
      throw new TclException(interp, "wrong # args: should be \"new class ?arg?\"");
    }
    String cls = argv[1].toString();
    Call call = session.call("new", argv, 1);
    session.run(call, () -> create(call, cls));
  }

  private Object create(Call call, String cls) throws NsError {
    if (call.count() > 2) {
      call.warn("new " + cls + ": more than one constructor argument; the extra ones are ignored.");
    }
    if (AGENTS.contains(cls)) {
      Agent a = new Agent(session, session.nextName("agent"), call.position(), cls);
      session.agents().add(a);
      return session.register(a, true);
    }
    if (APPLICATIONS.contains(cls)) {
      return session.register(new Application(session, session.nextName("application"), call.position(), cls), true);
    }
    switch (cls) {
      case "Simulator": {
        if (session.simulator() != null) {
          throw call.error("an NS file has one Simulator; " + session.simulator().name() + " already exists.");
        }
        Simulator s = new Simulator(session, session.nextName("Simulator"), call.position());
        session.simulator(s);
        return session.register(s, true);
      }
      case "Program": {
        ProgramAgent p = new ProgramAgent(session, session.nextName("program"), call.position());
        session.programs().add(p);
        return session.register(p, true);
      }
      case "EventGroup": {
        EventGroupObject g = new EventGroupObject(session, session.nextName("group"), call.position());
        session.eventGroups().add(g);
        return session.register(g, true);
      }
      case "EventSequence":
        return session.register(new EventListObject(session, session.nextName("sequence"), call.position(), true),
            true);
      case "EventTimeline":
        return session.register(new EventListObject(session, session.nextName("timeline"), call.position(), false),
            true);
      case "Path":
        return session.register(new UnmodelledObject(session, session.nextTopologyName("tbpath-path"),
            call.position(), cls, call), true);
      case "Firewall", "Topography", "Console":
        return session.register(new UnmodelledObject(session, session.nextName(cls.toLowerCase()), call.position(),
            cls, call), true);
      default: {
        call.warn("Object: " + cls + " is not a known class; its methods will be ignored.");
        return session.register(new NullObject(session, session.nextTopologyName("tbnull-null"), call.position()),
            true);
      }
    }
  }
}
