package org.nsbed.interpreter.testbed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsbed.interpreter.ns.Call;
import org.nsbed.interpreter.ns.NsError;
import org.nsbed.interpreter.ns.NsSession;

/**
 * The testbed's {@code tb-*} command library (Emulab's tb_compat.tcl; docs/ns-language.md, "The
 * tb-* commands"), installed as global Tcl commands. Each command checks its arguments and reports
 * a wrong one as an error of that command, at its line, without changing anything.
 */
public final class TbCommands {

  /** A command's implementation. */
  @FunctionalInterface
  interface Handler {
    Object run(Call call) throws NsError;
  }

  /** Collects the commands of the families. */
  static final class Registry {
    private final Map<String, Handler> handlers = new LinkedHashMap<>();

    /** Adds a command taking {@code min..max} arguments ({@code max < 0}: any number). */
    void add(String name, int min, int max, String usage, Handler handler) {
      handlers.put(name, call -> {
        if (call.count() < min || (max >= 0 && call.count() > max)) {
          throw call.error("wrong number of arguments; usage: " + usage);
        }
        return handler.run(call);
      });
    }
  }

  private TbCommands() {}

  /** Installs every {@code tb-*} command; returns their names (for did-you-mean). */
  public static List<String> install(NsSession session) {
    Registry registry = new Registry();
    AddressingCommands.register(registry);
    NodeCommands.register(registry);
    VTypeCommands.register(registry);
    ShapingCommands.register(registry);
    ExperimentCommands.register(registry);
    for (Map.Entry<String, Handler> e : registry.handlers.entrySet()) {
      String name = e.getKey();
      Handler handler = e.getValue();
      session.interp().createCommand(name, (interp, argv) -> {
        Call call = session.call(name, argv, 1);
        session.run(call, () -> handler.run(call));
      });
    }
    return new ArrayList<>(registry.handlers.keySet());
  }
}
