package org.nsbed.interpreter.testbed;

import org.nsbed.interpreter.ns.Call;
import org.nsbed.interpreter.ns.LanLink;
import org.nsbed.interpreter.ns.NsError;
import org.nsbed.interpreter.ns.NsNode;
import org.nsbed.interpreter.value.Ipv4;
import org.nsbed.interpreter.value.ValueException;

/** IP addresses and netmasks: {@code tb-set-ip*}, {@code tb-set-netmask}, {@code tb-use-ipassign}. */
final class AddressingCommands {

  private AddressingCommands() {}

  static void register(TbCommands.Registry r) {
    r.add("tb-set-ip", 2, 2, "tb-set-ip node ip", call -> {
      NsNode node = call.node(0);
      if (node.interfaces().size() != 1) {
        throw call.error("Node " + node.name() + " does not have a single connection (it has "
            + node.interfaces().size() + "); use tb-set-ip-link or tb-set-ip-lan.");
      }
      setIp(call, node.interfaces().get(0), 1);
      return "";
    });
    r.add("tb-set-ip-interface", 3, 3, "tb-set-ip-interface node neighbour ip", call -> {
      NsNode src = call.node(0);
      NsNode dst = call.node(1);
      LanLink link = call.session().linkBetween(src, dst);
      if (link == null) {
        throw call.error("No connection between " + src.name() + " and " + dst.name() + ".");
      }
      setIp(call, link.member(src), 2);
      return "";
    });
    r.add("tb-set-ip-lan", 3, 3, "tb-set-ip-lan node lan ip", call -> {
      NsNode node = call.node(0);
      LanLink lan = call.lan(1);
      setIp(call, member(call, lan, node), 2);
      return "";
    });
    r.add("tb-set-ip-link", 3, 3, "tb-set-ip-link node link ip", call -> {
      NsNode node = call.node(0);
      LanLink link = call.link(1);
      setIp(call, member(call, link, node), 2);
      return "";
    });
    r.add("tb-set-netmask", 2, 2, "tb-set-netmask link-or-lan netmask", call -> {
      LanLink l = call.lanLink(0);
      try {
        l.mask(Ipv4.parseMask(call.arg(1)));
      } catch (ValueException e) {
        throw call.error(e.getMessage());
      }
      return "";
    });
    r.add("tb-use-ipassign", 1, 1, "tb-use-ipassign 0|1", call -> {
      call.session().experimentSettings().put("useIpassign", call.onOff(0) ? "1" : "0");
      return "";
    });
    r.add("tb-set-ipassign-args", 1, 1, "tb-set-ipassign-args arguments", call -> {
      call.session().experimentSettings().put("ipassignArgs", call.arg(0));
      return "";
    });
  }

  /** The membership of {@code node} in {@code lan}, or an error. */
  static LanLink.Member member(Call call, LanLink lan, NsNode node) throws NsError {
    LanLink.Member m = lan.member(node);
    if (m == null) {
      throw call.error(node.name() + " is not connected to " + lan.name() + ".");
    }
    return m;
  }

  private static void setIp(Call call, LanLink.Member member, int index) throws NsError {
    String ip = call.arg(index);
    try {
      Ipv4.parse(ip);
    } catch (ValueException e) {
      throw call.error(e.getMessage());
    }
    member.ip(ip.trim(), call.position());
  }
}
