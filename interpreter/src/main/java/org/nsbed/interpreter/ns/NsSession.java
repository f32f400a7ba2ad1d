package org.nsbed.interpreter.ns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nsbed.grammar.SourcePosition;
import org.nsbed.interpreter.ParseMode;
import org.nsbed.interpreter.catalog.NsCatalog;
import org.nsbed.interpreter.finalization.TclHashOrder;
import org.nsbed.interpreter.ir.Diagnostic;
import org.nsbed.interpreter.ir.VirtualExperiment;
import tcl.lang.Interp;
import tcl.lang.TclObject;
import tcl.lang.TclString;

/**
 * The state of one NS file's evaluation: the objects it created (the experiment being built),
 * the diagnostics, and the services NS commands use (naming, locating, reporting).
 *
 * <p>One session per parse, used by the single evaluation thread only.
 */
public final class NsSession {

  /** Errors after which evaluation stops: a loop repeating a mistake would only add noise. */
  public static final int MAX_ERRORS = 100;
  private static final int MAX_WARNINGS = 200;

  /** Settings of a session that come from the parse request. */
  public record Settings(
      String file, ParseMode mode, NsCatalog catalog, String project, String experiment, int delayThresholdMs,
      int bandwidthLimitKbps, int maxEvents) {}

  /** Runs the body of a command; NsErrors become diagnostics. */
  @FunctionalInterface
  public interface Body {
    Object run() throws NsError;
  }

  private final Interp interp;
  private final Settings settings;
  private final Locator locator;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private int errors;
  private int warnings;
  private boolean tooManyErrors;

  private final Map<String, NsObject> objects = new HashMap<>();
  private final Map<String, Integer> counters = new HashMap<>();
  private int nextId = 1;
  private NsObject lastCreated;
  private Simulator simulator;

  private final List<NsNode> nodes = new ArrayList<>();
  private final List<LanLink> lanLinks = new ArrayList<>();
  private final TclHashOrder lanLinkOrder = new TclHashOrder();
  private final Map<NsNode, Map<NsNode, LanLink>> linksBetween = new IdentityHashMap<>();
  private final Map<String, VTypeDefinition> vtypes = new LinkedHashMap<>();
  private final List<ProgramAgent> programs = new ArrayList<>();
  private final List<Agent> agents = new ArrayList<>();
  private final List<ScheduledEvent> events = new ArrayList<>();
  private final List<EventGroupObject> eventGroups = new ArrayList<>();
  private final List<EventListObject> eventLists = new ArrayList<>();
  private final Map<String, String> parameters = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final Map<String, String> experimentSettings = new LinkedHashMap<>();
  private String routing = "none";
  private NsNode syncServer;
  private final StringBuilder output = new StringBuilder();
  private boolean outputTruncated;
  private VirtualExperiment result;

  public NsSession(Interp interp, Settings settings, Locator locator) {
    this.interp = interp;
    this.settings = settings;
    this.locator = locator;
  }

  // ---- services -------------------------------------------------------------------------

  /** The Tcl interpreter. */
  public Interp interp() {
    return interp;
  }

  /** The request's settings. */
  public Settings settings() {
    return settings;
  }

  /** True in {@code full} mode: catalogue checks are errors. */
  public boolean full() {
    return settings.mode() == ParseMode.FULL;
  }

  /** The catalogue (never null). */
  public NsCatalog catalog() {
    return settings.catalog();
  }

  public int delayThresholdMs() {
    return settings.delayThresholdMs();
  }

  /** A call of {@code command} with arguments from {@code argv[first]}. */
  public Call call(String command, TclObject[] argv, int first) {
    return new Call(this, command, argv, first);
  }

  /** Runs a command body and sets the Tcl result; a user error is recorded and the result is empty. */
  public void run(Call call, Body body) {
    Object result;
    try {
      result = body.run();
    } catch (NsError e) {
      error(call.command(), e.getMessage(), call.position());
      result = "";
    }
    interp.setResult(toTcl(result));
  }

  private static TclObject toTcl(Object result) {
    if (result == null) {
      return TclString.newInstance("");
    }
    if (result instanceof TclObject t) {
      return t;
    }
    return TclString.newInstance(result.toString());
  }

  /** Where the executing command is. */
  public SourcePosition locate(TclObject[] argv) {
    return locator.locate(argv);
  }

  /** Where the executing top-level command is. */
  public SourcePosition topLevelPosition() {
    return locator.topLevel();
  }

  /** Records an error. After {@value #MAX_ERRORS} errors evaluation is stopped. */
  public void error(String command, String message, SourcePosition at) {
    if (tooManyErrors) {
      return;
    }
    errors++;
    diagnostics.add(new Diagnostic(Diagnostic.ERROR, command, message, at.file(), at.line(), at.column()));
    if (errors >= MAX_ERRORS) {
      tooManyErrors = true;
      interp.setInterrupted();
    }
  }

  /** Records a warning (the first {@value #MAX_WARNINGS} of them). */
  public void warning(String command, String message, SourcePosition at) {
    warnings++;
    if (warnings <= MAX_WARNINGS) {
      diagnostics.add(new Diagnostic(Diagnostic.WARNING, command, message, at.file(), at.line(), at.column()));
    }
  }

  /** True once {@value #MAX_ERRORS} errors were recorded. */
  public boolean tooManyErrors() {
    return tooManyErrors;
  }

  /** Number of errors so far. */
  public int errorCount() {
    return errors;
  }

  /** All diagnostics so far, in the order they were found. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** Text the file printed with {@code puts}. */
  public void print(String text, int limit) {
    if (output.length() + text.length() > limit) {
      if (!outputTruncated) {
        output.append(text, 0, Math.max(0, limit - output.length())).append("\n[output truncated]\n");
        outputTruncated = true;
      }
      return;
    }
    output.append(text);
  }

  /** What the file printed. */
  public String output() {
    return output.toString();
  }

  // ---- objects and names ------------------------------------------------------------------

  /** The names of all objects (a copy). */
  public List<String> objectNames() {
    return new ArrayList<>(objects.keySet());
  }

  /** The object of that name, or null. */
  public NsObject object(String name) {
    return objects.get(name);
  }

  /** A fresh internal name from the counter shared by nodes, links, LANs, paths and nulls. */
  public String nextTopologyName(String prefix) {
    return prefix + nextId++;
  }

  /** A fresh internal name from a per-prefix counter (simulators, programs, agents, ...). */
  public String nextName(String prefix) {
    int n = counters.merge(prefix, 1, Integer::sum);
    String name = prefix + n;
    while (objects.containsKey(name) || interp.getCommand(name) != null) {
      n = counters.merge(prefix, 1, Integer::sum);
      name = prefix + n;
    }
    return name;
  }

  /**
   * Makes {@code object} a Tcl command under its name. A factory's product also becomes "last
   * created", so that a following {@code set var ...} names it.
   */
  public <T extends NsObject> T register(T object, boolean product) {
    objects.put(object.name(), object);
    interp.createCommand(object.name(), object);
    if (object instanceof LanLink l) {
      lanLinkOrder.insert(l.name());
    }
    if (product) {
      lastCreated = object;
    }
    return object;
  }

  /** The last object a factory created since the last global {@code set}, or null. */
  public NsObject lastCreated() {
    return lastCreated;
  }

  /** The last object a factory created since the last global {@code set}; clears the marker. */
  public NsObject takeLastCreated() {
    NsObject o = lastCreated;
    lastCreated = null;
    return o;
  }

  /**
   * Names {@code object} after the global variable it is assigned to: {@code n(3)} becomes
   * {@code n-3}. Returns the object's name afterwards (unchanged when the name is taken).
   */
  public String nameByAssignment(NsObject object, String variable, SourcePosition where) {
    String target = flatten(variable);
    if (target.equals(object.name()) || target.isEmpty()) {
      return object.name();
    }
    NsObject holder = objects.get(target);
    if (holder != null) {
      warning("set", object.className() + " " + object.name() + " keeps its internal name: an object named "
          + target + " already exists (line " + holder.position().line() + "); give each object its own variable, "
          + "e.g. an array element per loop iteration such as n($i).", where);
      return object.name();
    }
    if (interp.getCommand(target) != null) {
      error("set", "cannot name the " + object.className() + " '" + target + "': Already have an object named "
          + target + " (a Tcl command); choose another variable name.", where);
      return object.name();
    }
    String old = object.name();
    objects.remove(old);
    interp.deleteCommand(old);
    object.renamed(target, where);
    objects.put(target, object);
    interp.createCommand(target, object);
    if (object instanceof LanLink) {
      lanLinkOrder.delete(old);
      lanLinkOrder.insert(target);
    }
    return target;
  }

  /** {@code ::x} is {@code x}; array elements {@code n(3)} become {@code n-3}. */
  static String flatten(String variable) {
    String v = variable.startsWith("::") ? variable.substring(2) : variable;
    return v.replace("(", "-").replace(")", "");
  }

  // ---- the experiment being built ------------------------------------------------------

  public Simulator simulator() {
    return simulator;
  }

  void simulator(Simulator s) {
    this.simulator = s;
  }

  public List<NsNode> nodes() {
    return nodes;
  }

  public List<LanLink> lanLinks() {
    return lanLinks;
  }

  /** Links and LANs in the reference's iteration order (see {@link TclHashOrder}). */
  public List<LanLink> lanLinksInReferenceOrder() {
    List<LanLink> ordered = new ArrayList<>(lanLinks.size());
    for (String name : lanLinkOrder.keys()) {
      if (objects.get(name) instanceof LanLink l) {
        ordered.add(l);
      }
    }
    return ordered;
  }

  /** The last link created between two nodes (either direction), or null. */
  public LanLink linkBetween(NsNode a, NsNode b) {
    Map<NsNode, LanLink> m = linksBetween.get(a);
    return m == null ? null : m.get(b);
  }

  void linked(NsNode a, NsNode b, LanLink link) {
    linksBetween.computeIfAbsent(a, k -> new IdentityHashMap<>()).put(b, link);
    linksBetween.computeIfAbsent(b, k -> new IdentityHashMap<>()).put(a, link);
  }

  public Map<String, VTypeDefinition> vtypes() {
    return vtypes;
  }

  public List<ProgramAgent> programs() {
    return programs;
  }

  public List<Agent> agents() {
    return agents;
  }

  public List<ScheduledEvent> events() {
    return events;
  }

  public List<EventGroupObject> eventGroups() {
    return eventGroups;
  }

  public List<EventListObject> eventLists() {
    return eventLists;
  }

  /** Template parameters by name. */
  public Map<String, String> parameters() {
    return parameters;
  }

  /** {@code opt(NAME)} assignments in assignment order. */
  public Map<String, String> environment() {
    return environment;
  }

  /** Experiment-wide switches as written. */
  public Map<String, String> experimentSettings() {
    return experimentSettings;
  }

  public String routing() {
    return routing;
  }

  public void routing(String routing) {
    this.routing = routing;
  }

  public NsNode syncServer() {
    return syncServer;
  }

  public void syncServer(NsNode node) {
    this.syncServer = node;
  }

  /** The IR built by {@code $ns run}, or null before. */
  public VirtualExperiment result() {
    return result;
  }

  public void result(VirtualExperiment ir) {
    this.result = ir;
  }
}
