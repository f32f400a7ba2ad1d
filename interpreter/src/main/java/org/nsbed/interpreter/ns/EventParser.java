package org.nsbed.interpreter.ns;

import java.util.List;
import java.util.Locale;
import tcl.lang.Interp;
import tcl.lang.TCL;
import tcl.lang.TclException;
import tcl.lang.TclList;
import tcl.lang.TclObject;
import tcl.lang.TclString;
import org.nsbed.interpreter.value.Bandwidth;
import org.nsbed.interpreter.value.LossRate;
import org.nsbed.interpreter.value.TimeSpec;
import org.nsbed.interpreter.value.ValueException;

/**
 * Turns event text ({@code "$link0 down; $cbr0 start"}) into events, per object class as the
 * reference translates them (docs/ns-language.md, "Events"). Unlike the reference, an unknown event
 * command or a wrong argument count is a clear error naming the event.
 */
final class EventParser {

  private EventParser() {}

  /** Schedules the events of {@code text} at {@code timeText} into {@code into}. */
  static void schedule(Call call, String timeText, String text, List<ScheduledEvent> into)
      throws NsError {
    double time;
    String trigger = "timer";
    if (timeText.trim().equals("swapout")) {
      time = 0;
      trigger = "swapout";
    } else {
      try {
        time = TimeSpec.parseSeconds(timeText);
      } catch (ValueException e) {
        throw call.error(e.getMessage());
      }
    }
    for (String piece : text.split(";")) {
      add(call, time, trigger, piece, into);
    }
  }

  /**
   * Adds the events of one line of an event sequence body (no time). Bodies are written in braces,
   * so their variables ({@code $ns log "x"}, {@code $prog start}) are substituted here, at global
   * level.
   */
  static void sequenceLine(Call call, String line, List<ScheduledEvent> into) throws NsError {
    if (line.isBlank() || line.trim().startsWith("#")) {
      return;
    }
    if (line.indexOf('$') < 0 && line.indexOf('[') < 0 && line.indexOf('\\') < 0) {
      add(call, 0, "timer", line, into);
      return;
    }
    Interp interp = call.session().interp();
    String text;
    try {
      TclObject command = TclList.newInstance();
      TclList.append(interp, command, TclString.newInstance("subst"));
      TclList.append(interp, command, TclString.newInstance(line));
      interp.eval(command, TCL.EVAL_GLOBAL);
      text = interp.getResult().toString();
    } catch (TclException e) {
      throw call.error("event '" + line.trim() + "': " + interp.getResult());
    }
    add(call, 0, "timer", text, into);
  }

  /** Adds one already substituted event ({@code $seq append "$prog start"}). */
  static void step(Call call, String text, List<ScheduledEvent> into) throws NsError {
    add(call, 0, "timer", text, into);
  }

  private static void add(Call call, double time, String trigger, String piece, List<ScheduledEvent> into)
      throws NsError {
    String text = piece.trim();
    if (text.isEmpty() || text.startsWith("#")) {
      return;
    }
    NsSession session = call.session();
    int max = session.settings().maxEvents();
    if (session.events().size() + totalListEvents(session) >= max) {
      throw call.error("Too many events in your NS file! (at most " + max + ")");
    }
    List<String> words = Simulator.list(call, text);
    NsObject target = session.object(words.get(0));
    if (target == null) {
      throw call.error("event '" + text + "': " + words.get(0) + " is not an NS object.");
    }
    if (words.size() < 2) {
      throw call.error("event '" + text + "': missing the event command.");
    }
    into.add(translate(call, time, trigger, target, words, text));
  }

  private static int totalListEvents(NsSession session) {
    int n = 0;
    for (EventListObject l : session.eventLists()) {
      n += l.size();
    }
    return n;
  }

  private static ScheduledEvent translate(Call call, double time, String trigger, NsObject target, List<String> w,
      String text) throws NsError {
    String cmd = w.get(1);
    List<String> args = w.subList(2, w.size());
    NsObject kindOf = target instanceof EventGroupObject g && g.memberSample() != null ? g.memberSample() : target;
    if (kindOf instanceof Application app) {
      if (!app.isCbr()) {
        return event(time, trigger, target, "NSE", "NSEEVENT", String.join(" ", w.subList(1, w.size())), call);
      }
      return switch (cmd) {
        case "start", "stop", "reset" -> event(time, trigger, target, "TRAFGEN", upper(cmd), "", call);
        case "set" -> {
          need(call, text, args, 2);
          String value = args.get(1);
          String arg = switch (args.get(0)) {
            case "packetSize_" -> "PACKETSIZE=" + value;
            case "rate_" -> "RATE=" + bandwidth(call, value);
            case "interval_" -> "INTERVAL=" + value;
            case "iptos_" -> "IPTOS=" + value;
            default -> throw call.error("event '" + text + "': a CBR can change packetSize_, rate_, interval_ or iptos_.");
          };
          yield event(time, trigger, target, "TRAFGEN", "MODIFY", arg, call);
        }
        default -> throw unknown(call, text, cmd, "start, stop, reset, set");
      };
    }
    if (kindOf instanceof LanLink link) {
      link.settings().put("mustdelay", "1");
      return switch (cmd) {
        case "up", "down", "create", "clear", "reset" -> event(time, trigger, target, "LINK", upper(cmd), "", call);
        case "bandwidth" -> {
          need(call, text, args, 2);
          yield event(time, trigger, target, "LINK", "MODIFY", "BANDWIDTH=" + bandwidth(call, args.get(0)), call);
        }
        case "delay" -> {
          need(call, text, args, 1);
          yield event(time, trigger, target, "LINK", "MODIFY", "DELAY=" + args.get(0), call);
        }
        case "plr" -> {
          need(call, text, args, 1);
          try {
            LossRate.parse(args.get(0));
          } catch (ValueException e) {
            throw call.error("event '" + text + "': " + e.getMessage());
          }
          yield event(time, trigger, target, "LINK", "MODIFY", "PLR=" + args.get(0), call);
        }
        case "trace" -> {
          need(call, text, args, 1);
          String op = args.get(0);
          if (!List.of("start", "stop", "kill", "snapshot").contains(op)) {
            throw call.error("event '" + text + "': trace takes start, stop, kill or snapshot.");
          }
          yield event(time, trigger, target, "LINKTRACE", upper(op), "", call);
        }
        default -> throw unknown(call, text, cmd, "up, down, bandwidth, delay, plr, trace, create, clear, reset");
      };
    }
    if (kindOf instanceof Queue) {
      if (!cmd.equals("set")) {
        throw unknown(call, text, cmd, "set");
      }
      need(call, text, args, 2);
      String key = args.get(0);
      if (!List.of("limit_", "maxthresh_", "thresh_", "linterm_", "q_weight_", "queue-in-bytes_").contains(key)) {
        throw call.error("event '" + text + "': a queue can change limit_, maxthresh_, thresh_, linterm_, q_weight_ "
            + "or queue-in-bytes_.");
      }
      String name = key.substring(0, key.length() - 1).replace("-", "_").toUpperCase(Locale.ROOT);
      return event(time, trigger, target, "LINK", "MODIFY", name + "=" + args.get(1), call);
    }
    if (kindOf instanceof NsNode) {
      return switch (cmd) {
        case "reboot" -> event(time, trigger, target, "NODE", "REBOOT", "", call);
        case "snapshot-to" -> {
          need(call, text, args, 1);
          yield event(time, trigger, target, "NODE", "SNAPSHOT", "IMAGE=" + args.get(0), call);
        }
        case "reload" -> event(time, trigger, target, "NODE", "RELOAD",
            args.size() == 2 && args.get(0).equals("-image") ? "IMAGE=" + args.get(1) : "", call);
        case "setdest" -> {
          need(call, text, args, 3);
          yield event(time, trigger, target, "NODE", "SETDEST", "X=" + args.get(0) + " Y=" + args.get(1)
              + " SPEED=" + args.get(2), call);
        }
        default -> throw unknown(call, text, cmd, "reboot, snapshot-to, reload, setdest");
      };
    }
    if (kindOf instanceof ProgramAgent) {
      return switch (cmd) {
        case "start", "run", "set" -> event(time, trigger, target, "PROGRAM",
            cmd.equals("set") ? "MODIFY" : upper(cmd), programArgs(call, text, args), call);
        case "stop" -> event(time, trigger, target, "PROGRAM", "STOP", "", call);
        case "kill" -> {
          need(call, text, args, 1);
          yield event(time, trigger, target, "PROGRAM", "KILL", "SIGNAL=" + args.get(0), call);
        }
        default -> throw unknown(call, text, cmd, "start, run, set, stop, kill");
      };
    }
    if (kindOf instanceof EventListObject list) {
      if (!List.of("start", "run", "reset").contains(cmd)) {
        throw unknown(call, text, cmd, "start, run, reset");
      }
      return event(time, trigger, target, list.isSequence() ? "SEQUENCE" : "TIMELINE", upper(cmd), "", call);
    }
    if (kindOf instanceof Console) {
      return switch (cmd) {
        case "start" -> event(time, trigger, target, "CONSOLE", "START", "", call);
        case "stop" -> event(time, trigger, target, "CONSOLE", "STOP", args.isEmpty() ? "" : "FILE=" + args.get(0),
            call);
        default -> throw unknown(call, text, cmd, "start, stop");
      };
    }
    if (kindOf instanceof Simulator) {
      String event = switch (cmd) {
        case "halt", "terminate" -> "HALT";
        case "swapout" -> "SWAPOUT";
        case "stoprun" -> "STOPRUN";
        case "trace-for" -> "SNAPSHOT";
        case "stabilize" -> "STABILIZE";
        case "msg", "message" -> "MESSAGE";
        case "log" -> "LOG";
        case "report" -> "REPORT";
        case "snapshot" -> "SNAPSHOT";
        case "cleanlogs" -> "CLEANLOGS";
        case "linktest" -> "LINKTEST";
        case "reset-lans" -> "RESET";
        case "bandwidth" -> "BANDWIDTH";
        default -> throw unknown(call, text, cmd,
            "halt, terminate, swapout, stoprun, trace-for, stabilize, msg, log, report, snapshot, cleanlogs, "
                + "linktest, reset-lans, bandwidth");
      };
      return event(time, trigger, target, "SIMULATOR", event, String.join(" ", args), call);
    }
    throw call.error("event '" + text + "': " + target.name() + " (" + target.className()
        + ") does not take events.");
  }

  private static String programArgs(Call call, String text, List<String> args) throws NsError {
    if (args.size() % 2 != 0) {
      throw call.error("event '" + text + "': program options come in pairs (-command X).");
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < args.size(); i += 2) {
      String option = args.get(i);
      if (!List.of("-command", "-dir", "-timeout", "-expected-exit-code", "-tag").contains(option)) {
        throw call.error("event '" + text + "': unknown program option " + option + ".");
      }
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(option.substring(1).replace('-', '_').toUpperCase(Locale.ROOT)).append("='").append(args.get(i + 1))
          .append('\'');
    }
    return out.toString();
  }

  private static int bandwidth(Call call, String value) throws NsError {
    try {
      return Bandwidth.parseKbps(value);
    } catch (ValueException e) {
      throw call.error(e.getMessage());
    }
  }

  private static void need(Call call, String text, List<String> args, int n) throws NsError {
    if (args.size() < n) {
      throw call.error("event '" + text + "': needs " + n + " argument" + (n > 1 ? "s" : "") + ".");
    }
  }

  private static NsError unknown(Call call, String text, String cmd, String known) {
    return call.error("event '" + text + "': unknown event '" + cmd + "' (known: " + known + ").");
  }

  private static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }

  private static ScheduledEvent event(double time, String trigger, NsObject target, String type, String event,
      String args, Call call) {
    return new ScheduledEvent(time, trigger, target, type, event, args, call.position());
  }
}
