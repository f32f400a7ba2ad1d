package org.nsbed.interpreter.ns;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nsbed.grammar.SourcePosition;
import tcl.lang.Command;
import tcl.lang.Interp;
import tcl.lang.TclException;
import tcl.lang.TclObject;

/**
 * An ns-2 object of the NS file (simulator, node, link, agent, ...). Like OTcl objects it is a
 * Tcl command named after the object, so {@code $node add-route ...} invokes it; its name changes
 * when it is assigned to a global variable ({@code set nodeA [$ns node]}).
 *
 * <p>Every object supports OTcl's {@code $obj set var ?value?}, the NS-style configuration channel
 * ({@code $cbr set rate_ 1Mbps}); attributes nsbed does not read are kept and ignored, as in the
 * reference.
 */
public abstract class NsObject implements Command {

  protected final NsSession session;
  private final String internalName;
  private final SourcePosition created;
  private String name;
  private SourcePosition named;
  private final Map<String, String> attributes = new LinkedHashMap<>();

  protected NsObject(NsSession session, String internalName, SourcePosition created) {
    this.session = session;
    this.internalName = internalName;
    this.name = internalName;
    this.created = created;
  }

  /** The ns-2 class name, as used in warnings ({@code Node}, {@code Link}, {@code Agent/UDP}). */
  public abstract String className();

  /** Handles {@code $obj method args...}; returns the Tcl result (an object stands for its name). */
  protected abstract Object invoke(Call call, String method) throws NsError;

  @Override
  public final void cmdProc(Interp interp, TclObject[] argv) throws TclException {
    if (argv.length < 2) {
      throw new TclException(interp, "wrong # args: should be \"" + name + " method ?arg ...?\"");
    }
    String method = argv[1].toString();
    Call call = session.call(method, argv, 2);
    session.run(call, () -> invoke(call, method));
  }

  /** The reference's answer to a method it does not know: a warning and an empty result. */
  protected Object unsupported(Call call, String method) {
    call.warn("Unsupported NS Statement: " + className() + " " + method);
    return "";
  }

  /** {@code $obj set var ?value?}: reads or writes an attribute. */
  protected Object attribute(Call call) throws NsError {
    call.arity(1, 2, name + " set var ?value?");
    String key = call.arg(0);
    if (call.count() == 2) {
      String value = call.arg(1);
      attributeChanged(call, key, value);
      attributes.put(key, value);
      return value;
    }
    String value = attributes.get(key);
    if (value == null) {
      throw call.error(className() + " " + name + " has no attribute " + key + ".");
    }
    return value;
  }

  /** Called before an attribute is stored; subclasses validate the ones they read. */
  protected void attributeChanged(Call call, String key, String value) throws NsError {}

  /** The attribute's value, or null. */
  public String attributeValue(String key) {
    return attributes.get(key);
  }

  /** All attributes in the order they were first set. */
  public Map<String, String> attributes() {
    return attributes;
  }

  /** The object's current name. */
  public final String name() {
    return name;
  }

  /** The name it was created under ({@code tbnode-n3}). */
  public final String internalName() {
    return internalName;
  }

  /** Where the object was created. */
  public final SourcePosition created() {
    return created;
  }

  /** Where the object got its name, else where it was created: where run-time checks point. */
  public final SourcePosition position() {
    return named != null ? named : created;
  }

  /** True if the object can take a name by assignment (false for handles and queues). */
  public boolean nameable() {
    return true;
  }

  final void renamed(String newName, SourcePosition where) {
    this.name = newName;
    this.named = where;
  }

  @Override
  public String toString() {
    return name;
  }
}
