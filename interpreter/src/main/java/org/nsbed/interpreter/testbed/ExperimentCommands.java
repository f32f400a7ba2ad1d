package org.nsbed.interpreter.testbed;

import java.util.List;
import java.util.Map;
import org.nsbed.interpreter.ns.Call;

/**
 * Experiment-wide switches ({@code tb-set-*}, {@code tb-use-*}) and the commands of features
 * nsbed records but does not act on (elab-in-elab, OML, PlanetLab, modelnet, feedback).
 */
final class ExperimentCommands {

  /** Features nsbed does not model: accepted, recorded in the experiment settings, and warned about. */
  private static final List<String> UNMODELLED = List.of(
      "tb-use-modelnet", "tb-set-modelnet-physnodes", "tb-elab-in-elab", "tb-elab-in-elab-topology",
      "tb-set-inner-elab-eid", "tb-set-elabinelab-cvstag", "tb-elabinelab-singlenet", "tb-set-elabinelab-attribute",
      "tb-unset-elabinelab-attribute", "tb-set-elabinelab-role-attribute", "tb-unset-elabinelab-role-attribute",
      "tb-feedback-vnode", "tb-feedback-vlan", "tb-feedback-vlink", "tb-set-use-oml", "tb-set-oml-server",
      "tb-set-oml-use-control", "tb-set-oml-mp");

  private ExperimentCommands() {}

  static void register(TbCommands.Registry r) {
    r.add("tb-set-ip-routing", 1, 1, "tb-set-ip-routing none|ospf", call -> {
      String type = call.arg(0);
      if (!type.equals("none") && !type.equals("ospf")) {
        throw call.error("Type is not one of none|ospf: " + type + ".");
      }
      call.session().routing(type);
      return "";
    });
    flag(r, "tb-set-uselatestwadata", "uselatestwadata");
    flag(r, "tb-set-usewatunnels", "usewatunnels");
    flag(r, "tb-use-endnodeshaping", "uselinkdelays");
    flag(r, "tb-force-endnodeshaping", "forcelinkdelays");
    flag(r, "tb-fix-current-resources", "allowfixnode");
    flag(r, "tb-use-physnaming", "usephysnaming");
    flag(r, "tb-set-dpdb", "dpdb");
    r.add("tb-set-wasolver-weights", 3, 3, "tb-set-wasolver-weights delay bandwidth plr", call -> {
      for (int i = 0; i < 3; i++) {
        if (call.number(i) < 0) {
          throw call.error("weights must be 0 or more; got " + call.arg(i) + ".");
        }
      }
      return recorded(call, "wasolverWeights");
    });
    range(r, "tb-set-colocate-factor", "multiplexFactor", 1, 100);
    range(r, "tb-set-mem-usage", "memUsage", 1, 5);
    range(r, "tb-set-cpu-usage", "cpuUsage", 1, 5);
    r.add("tb-set-sync-server", 1, 1, "tb-set-sync-server node", call -> {
      call.session().syncServer(call.node(0));
      return "";
    });
    r.add("tb-set-encapsulate", 1, 1, "tb-set-encapsulate 0|1", call -> {
      call.session().experimentSettings().put("encapStyle", call.onOff(0) ? "default" : "veth-ne");
      return "";
    });
    r.add("tb-set-vlink-emulation", 1, 1, "tb-set-vlink-emulation gre|egre|vtun|veth-ne|vlan", call -> {
      call.session().experimentSettings().put("encapStyle",
          call.oneOf(0, "virtual link emulation", "gre", "egre", "vtun", "veth-ne", "vlan"));
      return "";
    });
    osSetting(r, "tb-set-jail-os", "jailOs");
    osSetting(r, "tb-set-delay-os", "delayOs");
    r.add("tb-set-delay-capacity", 1, 1, "tb-set-delay-capacity capacity", call -> {
      double c = call.number(0);
      if (!(c > 0 && c <= 2)) {
        throw call.error("delay capacity " + call.arg(0) + " must be more than 0 and at most 2.");
      }
      call.session().experimentSettings().put("delayCapacity", call.arg(0));
      return "";
    });
    r.add("tb-set-security-level", 1, 1, "tb-set-security-level Green|Blue|Yellow|Orange", call -> {
      Map<String, Integer> levels = Map.of("Green", 0, "Blue", 1, "Yellow", 2, "Orange", 3);
      String level = call.arg(0);
      if (level.equals("Red")) {
        throw call.error("security level Red is not implemented.");
      }
      Integer n = levels.get(level);
      if (n == null) {
        throw call.error("security level " + level + " must be one of Green|Blue|Yellow|Orange.");
      }
      call.session().experimentSettings().put("securityLevel", n.toString());
      if (n > 0) {
        call.warn("security levels above Green add a firewall, which is recorded but not acted on.");
      }
      return "";
    });
    for (String name : UNMODELLED) {
      r.add(name, 0, -1, name + " ?arguments?", call -> recorded(call, name));
    }
  }

  private static Object recorded(Call call, String key) {
    call.session().experimentSettings().merge(key, String.join(" ", call.argsFrom(0)), (a, b) -> a + ";" + b);
    call.warn(call.command() + " is recorded but not acted on.");
    return "";
  }

  private static void flag(TbCommands.Registry r, String name, String key) {
    r.add(name, 1, 1, name + " 0|1", call -> {
      call.session().experimentSettings().put(key, call.onOff(0) ? "1" : "0");
      return "";
    });
  }

  private static void range(TbCommands.Registry r, String name, String key, int min, int max) {
    r.add(name, 1, 1, name + " " + min + ".." + max, call -> {
      int v = call.integer(0);
      if (v < min || v > max) {
        throw call.error(call.arg(0) + " is out of range; it must be between " + min + " and " + max + ".");
      }
      call.session().experimentSettings().put(key, Integer.toString(v));
      return "";
    });
  }

  private static void osSetting(TbCommands.Registry r, String name, String key) {
    r.add(name, 1, 1, name + " os", call -> {
      String os = call.arg(0);
      if (call.session().full() && !call.session().catalog().osidVisible(os)) {
        throw call.error("Invalid osid " + os + ".");
      }
      call.session().experimentSettings().put(key, os);
      return "";
    });
  }

}
