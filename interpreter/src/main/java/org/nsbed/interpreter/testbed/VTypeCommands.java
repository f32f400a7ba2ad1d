package org.nsbed.interpreter.testbed;

import java.util.List;
import org.nsbed.interpreter.catalog.NsCatalog.HardwareType;
import org.nsbed.interpreter.ns.Call;
import org.nsbed.interpreter.ns.NsError;
import org.nsbed.interpreter.ns.NsSession;
import org.nsbed.interpreter.ns.VTypeDefinition;

/** Virtual types: {@code tb-make-soft-vtype}, {@code tb-make-hard-vtype}, {@code tb-make-weighted-vtype}. */
final class VTypeCommands {

  private VTypeCommands() {}

  static void register(TbCommands.Registry r) {
    r.add("tb-make-soft-vtype", 2, 2, "tb-make-soft-vtype name {type1 type2 ...}", call -> define(call, 0.5, 1, false));
    r.add("tb-make-hard-vtype", 2, 2, "tb-make-hard-vtype name {type1 type2 ...}", call -> define(call, 1.0, 1, false));
    r.add("tb-make-weighted-vtype", 3, 3, "tb-make-weighted-vtype name weight {type1 type2 ...}", call -> {
      double w = call.number(1);
      if (!(w > 0 && w < 1)) {
        throw call.error(call.arg(1) + " is not a valid weight. (0 < weight < 1)");
      }
      return define(call, w, 2, true);
    });
  }

  /**
   * Defines the vtype. As in the reference an unknown member type is reported but the vtype is
   * still created, so that later {@code tb-set-hardware} lines do not fail as well.
   */
  private static Object define(Call call, double weight, int typesIndex, boolean localOnly) throws NsError {
    String name = call.arg(0);
    NsSession s = call.session();
    List<String> types = org.nsbed.interpreter.ns.Simulator.list(call, call.arg(typesIndex));
    if (types.isEmpty()) {
      throw call.error("vtype " + name + " needs at least one hardware type.");
    }
    s.vtypes().put(name, new VTypeDefinition(name, weight, types, call.position()));
    if (s.full()) {
      for (String t : types) {
        var hw = s.catalog().hardwareType(t);
        if (hw.isEmpty()) {
          call.report("Invalid hardware type " + t + " in vtype " + name + ".");
        } else if (localOnly && hw.map(HardwareType::remote).orElse(false)) {
          call.report("Remote type " + t + " cannot be part of the weighted vtype " + name + ".");
        }
      }
    }
    return "";
  }
}
