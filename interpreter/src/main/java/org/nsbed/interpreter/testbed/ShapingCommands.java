package org.nsbed.interpreter.testbed;

import org.nsbed.interpreter.ns.Call;
import org.nsbed.interpreter.ns.LanLink;
import org.nsbed.interpreter.ns.NsError;
import org.nsbed.interpreter.ns.NsNode;
import org.nsbed.interpreter.value.LossRate;

/**
 * Link and LAN shaping and settings. Link/LAN-wide loss is applied per direction as
 * {@code 1-sqrt(1-p)}; per-member LAN values are stored as given (docs/ns-language.md,
 * "The tb-* commands").
 */
final class ShapingCommands {

  private ShapingCommands() {}

  static void register(TbCommands.Registry r) {
    r.add("tb-set-link-loss", 2, 3, "tb-set-link-loss link loss | tb-set-link-loss src dst loss", call -> {
      LanLink link = linkArg(call);
      double p = LossRate.perDirection(call.loss(call.count() - 1));
      for (LanLink.Member m : link.members()) {
        m.loss(p);
      }
      return "";
    });
    r.add("tb-set-link-est-bandwidth", 2, 3, "tb-set-link-est-bandwidth link bw | src dst bw", call -> {
      LanLink link = linkArg(call);
      int bw = call.bandwidth(call.count() - 1);
      for (LanLink.Member m : link.members()) {
        m.estimated(bw, bw);
      }
      return "";
    });
    r.add("tb-set-link-backfill", 2, 3, "tb-set-link-backfill link bw | src dst bw", call -> {
      LanLink link = linkArg(call);
      if (link.isLan()) {
        throw call.error(link.name() + " is not a link.");
      }
      int bw = call.bandwidth(call.count() - 1);
      for (LanLink.Member m : link.members()) {
        m.backfill(bw, bw);
      }
      return "";
    });
    r.add("tb-set-link-simplex-params", 5, 5, "tb-set-link-simplex-params link src delay bandwidth loss", call -> {
      LanLink link = call.link(0);
      LanLink.Member src = AddressingCommands.member(call, link, call.node(1));
      double half = call.delay(2) / 2.0;
      int bw = call.bandwidth(3);
      double loss = LossRate.perDirection(call.loss(4));
      src.to(half, bw, loss);
      for (LanLink.Member m : link.members()) {
        if (m != src) {
          m.from(half, bw, loss);
        }
      }
      return "";
    });
    r.add("tb-set-link-simplex-backfill", 3, 3, "tb-set-link-simplex-backfill link src bandwidth", call -> {
      LanLink link = call.link(0);
      LanLink.Member src = AddressingCommands.member(call, link, call.node(1));
      int bw = call.bandwidth(2);
      src.backfill(bw, src.rbackfillKbps());
      for (LanLink.Member m : link.members()) {
        if (m != src) {
          m.backfill(m.backfillKbps(), bw);
        }
      }
      return "";
    });
    r.add("tb-set-lan-loss", 2, 2, "tb-set-lan-loss lan loss", call -> {
      LanLink lan = call.lan(0);
      double p = LossRate.perDirection(call.loss(1));
      for (LanLink.Member m : lan.members()) {
        m.loss(p);
      }
      return "";
    });
    r.add("tb-set-lan-est-bandwidth", 2, 2, "tb-set-lan-est-bandwidth lan bw", call -> {
      LanLink lan = call.lan(0);
      int bw = call.bandwidth(1);
      for (LanLink.Member m : lan.members()) {
        m.estimated(bw, bw);
      }
      return "";
    });
    r.add("tb-set-lan-backfill", 2, 2, "tb-set-lan-backfill lan bw", call -> {
      LanLink lan = call.lan(0);
      int bw = call.bandwidth(1);
      for (LanLink.Member m : lan.members()) {
        m.backfill(bw, bw);
      }
      return "";
    });
    r.add("tb-set-node-lan-delay", 3, 3, "tb-set-node-lan-delay node lan delay", call -> {
      member(call).delay(call.delay(2));
      return "";
    });
    r.add("tb-set-node-lan-bandwidth", 3, 3, "tb-set-node-lan-bandwidth node lan bw", call -> {
      member(call).bandwidth(call.bandwidth(2));
      return "";
    });
    r.add("tb-set-node-lan-est-bandwidth", 3, 3, "tb-set-node-lan-est-bandwidth node lan bw", call -> {
      int bw = call.bandwidth(2);
      member(call).estimated(bw, bw);
      return "";
    });
    r.add("tb-set-node-lan-backfill", 3, 3, "tb-set-node-lan-backfill node lan bw", call -> {
      int bw = call.bandwidth(2);
      member(call).backfill(bw, bw);
      return "";
    });
    r.add("tb-set-node-lan-loss", 3, 3, "tb-set-node-lan-loss node lan loss", call -> {
      member(call).loss(call.loss(2));
      return "";
    });
    r.add("tb-set-node-lan-params", 5, 5, "tb-set-node-lan-params node lan delay bandwidth loss", call -> {
      LanLink.Member m = member(call);
      int delay = call.delay(2);
      int bw = call.bandwidth(3);
      double loss = call.loss(4);
      m.shape(delay, bw, loss);
      return "";
    });
    r.add("tb-set-lan-simplex-params", 8, 8,
        "tb-set-lan-simplex-params lan node to-delay to-bw to-loss from-delay from-bw from-loss", call -> {
          LanLink lan = call.lan(0);
          LanLink.Member m = AddressingCommands.member(call, lan, call.node(1));
          int toDelay = call.delay(2);
          int toBw = call.bandwidth(3);
          double toLoss = call.loss(4);
          int fromDelay = call.delay(5);
          int fromBw = call.bandwidth(6);
          double fromLoss = call.loss(7);
          m.to(toDelay, toBw, toLoss);
          m.from(fromDelay, fromBw, fromLoss);
          return "";
        });
    r.add("tb-set-lan-simplex-backfill", 4, 4, "tb-set-lan-simplex-backfill lan node to-bw from-bw", call -> {
      LanLink lan = call.lan(0);
      LanLink.Member m = AddressingCommands.member(call, lan, call.node(1));
      m.backfill(call.bandwidth(2), call.bandwidth(3));
      return "";
    });
    r.add("tb-set-link-failure-action", 2, 2, "tb-set-link-failure-action link-or-lan fatal|nonfatal", call -> {
      LanLink l = call.lanLink(0);
      l.failureAction(call.oneOf(1, "failure action", "fatal", "nonfatal"));
      return "";
    });
    onOff(r, "tb-set-multiplexed", "emulated");
    onOff(r, "tb-set-noshaping", "nobwshaping");
    onOff(r, "tb-set-endnodeshaping", "uselinkdelay");
    onOff(r, "tb-set-allowcolocate", "trivialOk");
    r.add("tb-set-useveth", 2, 2, "tb-set-useveth link-or-lan 0|1", call -> {
      LanLink l = call.lanLink(0);
      l.settings().put("encap", call.onOff(1) ? "veth" : "default");
      return "";
    });
    r.add("tb-set-link-encap", 2, 2, "tb-set-link-encap link-or-lan gre|egre|vtun|veth-ne|vlan", call -> {
      LanLink l = call.lanLink(0);
      l.settings().put("encap", call.oneOf(1, "encapsulation", "gre", "egre", "vtun", "veth-ne", "vlan"));
      return "";
    });
    r.add("tb-set-lan-protocol", 2, 2, "tb-set-lan-protocol lan protocol", call -> {
      call.lan(0).protocol(call.arg(1));
      return "";
    });
    r.add("tb-set-link-protocol", 2, 2, "tb-set-link-protocol link protocol", call -> {
      call.link(0).protocol(call.arg(1));
      return "";
    });
    r.add("tb-set-lan-accesspoint", 2, 2, "tb-set-lan-accesspoint lan node", call -> {
      LanLink lan = call.lan(0);
      AddressingCommands.member(call, lan, call.node(1)).settings().put("accessPoint", "1");
      return "";
    });
    r.add("tb-set-lan-setting", 3, 3, "tb-set-lan-setting lan key value", call -> {
      call.lanLink(0).settings().put(call.arg(1), call.arg(2));
      return "";
    });
    r.add("tb-set-node-lan-setting", 4, 4, "tb-set-node-lan-setting lan node key value", call -> {
      LanLink lan = call.lanLink(0);
      AddressingCommands.member(call, lan, call.node(1)).settings().put(call.arg(2), call.arg(3));
      return "";
    });
    r.add("tb-set-link-layer", 2, 2, "tb-set-link-layer link layer", call -> {
      LanLink l = call.lanLink(0);
      l.settings().put("layer", Integer.toString(call.integer(1)));
      return "";
    });
  }

  private static void onOff(TbCommands.Registry r, String name, String key) {
    r.add(name, 2, 2, name + " link-or-lan 0|1", call -> {
      LanLink l = call.lanLink(0);
      l.settings().put(key, call.onOff(1) ? "1" : "0");
      return "";
    });
  }

  /** The link named by the first argument, or by the two end nodes when there are three arguments. */
  private static LanLink linkArg(Call call) throws NsError {
    if (call.count() == 3) {
      NsNode src = call.node(0);
      NsNode dst = call.node(1);
      LanLink l = call.session().linkBetween(src, dst);
      if (l == null) {
        throw call.error("No link between " + src.name() + " and " + dst.name() + ".");
      }
      return l;
    }
    return call.lanLink(0);
  }

  /** The member named by {@code node lan} in the first two arguments. */
  private static LanLink.Member member(Call call) throws NsError {
    NsNode node = call.node(0);
    LanLink lan = call.lanLink(1);
    return AddressingCommands.member(call, lan, node);
  }
}
