package org.nsbed.interpreter.testbed;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nsbed.interpreter.catalog.NsCatalog;
import org.nsbed.interpreter.catalog.NsCatalog.HardwareType;
import org.nsbed.interpreter.ir.Tarfile;
import org.nsbed.interpreter.ns.Call;
import org.nsbed.interpreter.ns.LanLink;
import org.nsbed.interpreter.ns.NsError;
import org.nsbed.interpreter.ns.NsNode;
import org.nsbed.interpreter.ns.NsObject;
import org.nsbed.interpreter.ns.NsSession;

/** Per-node settings: hardware, OS, failure action, fixing, start-up commands, tarfiles, RPMs. */
final class NodeCommands {

  private static final List<String> NFS_DIRS = List.of("/proj", "/groups", "/users", "/share", "/scratch");
  private static final List<String> TARBALL_DIRS = List.of("/proj", "/groups", "/users", "/scratch");
  private static final List<String> TARBALL_EXTENSIONS = List.of(".tar", ".tar.Z", ".tar.gz", ".tgz", ".tar.bz2");

  private NodeCommands() {}

  static void register(TbCommands.Registry r) {
    r.add("tb-set-hardware", 2, -1, "tb-set-hardware node type", NodeCommands::hardware);
    r.add("tb-set-node-os", 2, 3, "tb-set-node-os node os ?parent-os?", NodeCommands::os);
    r.add("tb-set-node-failure-action", 2, 2, "tb-set-node-failure-action node fatal|nonfatal|ignore", call -> {
      NsNode node = call.node(0);
      node.failureAction(call.oneOf(1, "failure action", "fatal", "nonfatal", "ignore"));
      return "";
    });
    r.add("tb-set-node-loadlist", 2, 2, "tb-set-node-loadlist node \"os1,os2,...\"", call -> {
      NsNode node = call.node(0);
      List<String> oses = new ArrayList<>();
      for (String os : call.arg(1).split(",")) {
        String o = os.trim();
        if (o.isEmpty()) {
          continue;
        }
        if (call.session().full() && !call.session().catalog().osidVisible(o)) {
          throw call.error("Invalid osid " + o + ".");
        }
        oses.add(o);
      }
      node.loadList().clear();
      node.loadList().addAll(oses);
      return "";
    });
    r.add("tb-set-node-cmdline", 2, 2, "tb-set-node-cmdline node command-line", call -> {
      call.node(0).cmdLine(call.arg(1));
      return "";
    });
    r.add("tb-set-node-rpms", 1, -1, "tb-set-node-rpms node rpm ?rpm ...?", call -> {
      NsNode node = call.node(0);
      List<String> rpms = new ArrayList<>();
      for (String a : call.argsFrom(1)) {
        for (String rpm : a.trim().split("\\s+")) {
          if (!rpm.isEmpty()) {
            rpms.add(rpm);
          }
        }
      }
      if (rpms.isEmpty()) {
        throw call.error("No rpms given.");
      }
      node.rpms().addAll(rpms);
      return "";
    });
    r.add("tb-set-node-startup", 2, 2, "tb-set-node-startup node command", call -> {
      call.node(0).startupCmd(call.arg(1));
      return "";
    });
    r.add("tb-set-node-startcmd", 2, 2, "tb-set-node-startcmd node command", call -> call.node(0)
        .startCommand(call, call.arg(1), true));
    r.add("tb-set-node-tarfiles", 1, -1, "tb-set-node-tarfiles node directory tarfile ?directory tarfile ...?",
        call -> {
          NsNode node = call.node(0);
          List<Tarfile> tarfiles = tarfiles(call, 1);
          node.tarfiles().addAll(tarfiles);
          return "";
        });
    r.add("tb-set-tarfiles", 0, -1, "tb-set-tarfiles directory tarfile ?directory tarfile ...?", call -> {
      List<Tarfile> tarfiles = tarfiles(call, 0);
      for (Tarfile t : tarfiles) {
        call.session().experimentSettings().merge("tarfiles", t.directory() + " " + t.tarball(),
            (a, b) -> a + ";" + b);
      }
      return "";
    });
    r.add("tb-fix-node", 2, 2, "tb-fix-node node physical-node", NodeCommands::fix);
    r.add("tb-bind-parent", 2, 2, "tb-bind-parent node parent", NodeCommands::fix);
    r.add("tb-set-node-usesharednode", 2, 2, "tb-set-node-usesharednode node weight", call -> {
      call.node(0).desires().put("pcshared", call.number(1));
      return "";
    });
    r.add("tb-set-node-sharingmode", 2, 2, "tb-set-node-sharingmode node mode", call -> {
      call.node(0).settings().put("sharingMode", call.arg(1));
      return "";
    });
    r.add("tb-set-node-id", 2, 2, "tb-set-node-id node id", call -> {
      NsNode node = call.node(0);
      node.settings().put("numericId", Integer.toString(call.integer(1)));
      return "";
    });
    r.add("tb-fix-interface", 3, 3, "tb-fix-interface node link-or-lan interface", call -> {
      NsNode node = call.node(0);
      LanLink lan = call.lanLink(1);
      AddressingCommands.member(call, lan, node).settings().put("fixedInterface", call.arg(2));
      return "";
    });
    r.add("tb-set-node-inner-elab-role", 2, 2, "tb-set-node-inner-elab-role node role", call -> {
      NsNode node = call.node(0);
      node.settings().put("innerElabRole", call.oneOf(1, "inner elab role", "boss", "boss+router",
          "boss+fs+router", "router", "ops", "ops+fs", "fs", "node"));
      call.warn("elab-in-elab roles are recorded but not acted on.");
      return "";
    });
    r.add("tb-set-node-plab-role", 2, 2, "tb-set-node-plab-role node plc|node|none", call -> {
      NsNode node = call.node(0);
      node.settings().put("plabRole", call.oneOf(1, "PlanetLab role", "plc", "node", "none"));
      call.warn("PlanetLab roles are recorded but not acted on.");
      return "";
    });
    r.add("tb-set-node-plab-plcnet", 2, 2, "tb-set-node-plab-plcnet node link-or-lan|control|exp", call -> {
      NsNode node = call.node(0);
      String net = call.arg(1);
      if (!net.equals("control") && !net.equals("exp")) {
        net = call.lanLink(1).name();
      }
      node.settings().put("plabPlcnet", net);
      call.warn("PlanetLab settings are recorded but not acted on.");
      return "";
    });
    r.add("tb-set-node-service", 1, -1, "tb-set-node-service service -node node ?-env env? ?-whence whence? "
        + "?-script path? ...", call -> service(call, "nodeService"));
    r.add("tb-add-node-service-hook", 1, -1, "tb-add-node-service-hook service -node node -script path ...",
        call -> service(call, "nodeServiceHook"));
  }

  private static Object hardware(Call call) throws NsError {
    NsNode node = call.node(0);
    String type = call.arg(1);
    if (call.count() > 2) {
      call.warn("extra arguments ignored: " + String.join(" ", call.argsFrom(2)));
    }
    NsSession s = call.session();
    boolean vtype = s.vtypes().containsKey(type);
    if (!vtype && s.full()) {
      if (s.catalog().hardwareType(type).isEmpty()) {
        throw call.error("Invalid hardware type " + type + ".");
      }
      if (!s.catalog().typePermitted(type)) {
        throw call.error("No permission to use type " + type + ".");
      }
    }
    node.type(type, call.position());
    return "";
  }

  private static Object os(Call call) throws NsError {
    NsObject target = call.session().object(call.arg(0));
    if (target == null) {
      throw call.error(call.arg(0) + " is not a node.");
    }
    String os = call.arg(1);
    String parent = call.count() > 2 ? call.arg(2) : null;
    if (parent != null && (parent.isEmpty() || parent.equals("0"))) {
      parent = null;
    }
    NsSession s = call.session();
    if (s.full()) {
      if (!s.catalog().osidVisible(os)) {
        throw call.error("Invalid osid " + os + ".");
      }
      if (parent != null && !s.catalog().osidVisible(parent)) {
        throw call.error("Invalid parent osid " + parent + ".");
      }
    }
    if (!(target instanceof NsNode node)) {
      call.warn(target.name() + " is a " + target.className() + ", not a node; its OS setting has no effect.");
      return "";
    }
    node.os(os, parent, call.position());
    return "";
  }

  private static List<Tarfile> tarfiles(Call call, int first) throws NsError {
    int n = call.count() - first;
    if (n == 0) {
      throw call.error("usage: " + call.command() + (first == 1 ? " node" : "") + " directory tarfile ?...?");
    }
    if (n % 2 != 0) {
      throw call.error("Arguments should be node and series of pairs.");
    }
    List<Tarfile> out = new ArrayList<>();
    for (int i = first; i < call.count(); i += 2) {
      String dir = call.arg(i);
      String tar = call.arg(i + 1);
      if (!dir.startsWith("/")) {
        throw call.error("'" + dir + "' is not an absolute path.");
      }
      for (String nfs : NFS_DIRS) {
        if (dir.equals(nfs) || dir.startsWith(nfs + "/")) {
          throw call.error("'" + dir + "' refers to an NFS directory; unpack into a local directory instead.");
        }
      }
      if (call.session().full()) {
        checkTarball(call, tar);
      }
      out.add(new Tarfile(dir, tar));
    }
    return out;
  }

  /** A tarball must be a URL, or a file under /proj, /groups, /users or /scratch with a tar extension. */
  private static void checkTarball(Call call, String tar) throws NsError {
    if (tar.matches("^(https?|ftp)://.+")) {
      return;
    }
    boolean allowed = TARBALL_DIRS.stream().anyMatch(d -> tar.startsWith(d + "/"));
    if (!allowed) {
      throw call.error("'" + tar + "' is not in an allowed directory (" + String.join(", ", TARBALL_DIRS)
          + ") and is not an http, https or ftp URL.");
    }
    if (TARBALL_EXTENSIONS.stream().noneMatch(tar::endsWith)) {
      throw call.error("'" + tar + "' does not have a tarball extension (" + String.join(" ", TARBALL_EXTENSIONS)
          + ").");
    }
  }

  private static Object fix(Call call) throws NsError {
    NsNode node = call.node(0);
    String target = call.arg(1);
    NsSession s = call.session();
    NsCatalog catalog = s.catalog();
    Optional<HardwareType> hw = catalog.hardwareType(node.type());
    boolean virtual = hw.map(HardwareType::virtual).orElse(false);
    if (s.object(target) instanceof NsNode host) {
      boolean subnode = hw.map(HardwareType::subnode).orElse(false);
      if (!subnode && !virtual) {
        throw call.error("Improper fix-node: " + node.name() + " (type " + node.type() + ") can be fixed to another "
            + "node of the NS file only if it is a sub-node or virtual node type; fix it to a physical node.");
      }
      node.fixTo(host);
      return "";
    }
    Optional<String> physicalType = catalog.physicalNodeType(target);
    if (physicalType.isEmpty() && s.full()) {
      throw call.error("There is no physical node named " + target + " in the testbed.");
    }
    if (physicalType.isPresent() && !virtual) {
      node.type(physicalType.get(), call.position());
    }
    node.fixTo(target);
    return "";
  }

  private static Object service(Call call, String key) throws NsError {
    if ((call.count() - 1) % 2 != 0) {
      throw call.error("options come in pairs: " + call.command() + " service -node node -script path ...");
    }
    StringBuilder recorded = new StringBuilder(call.arg(0));
    boolean hasScript = false;
    for (int i = 1; i < call.count(); i += 2) {
      String option = call.arg(i);
      if (!option.startsWith("-")) {
        throw call.error("expected an option such as -node or -script, got '" + option + "'.");
      }
      if (option.equals("-node")) {
        call.node(i + 1);
      }
      if (option.equals("-script") || option.equals("-scriptblob")) {
        if (hasScript) {
          throw call.error("give either -script or -scriptblob, once.");
        }
        hasScript = true;
        if (option.equals("-script") && !call.arg(i + 1).startsWith("/")) {
          throw call.error("the script '" + call.arg(i + 1) + "' must be an absolute path.");
        }
      }
      recorded.append(' ').append(option).append(' ').append(call.arg(i + 1));
    }
    call.session().experimentSettings().merge(key, recorded.toString(), (a, b) -> a + ";" + b);
    call.warn("client service settings are recorded but not acted on.");
    return "";
  }
}
