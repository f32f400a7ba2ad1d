package org.nsbed.interpreter.ir;

import java.util.List;
import java.util.Map;

/**
 * A node of the virtual experiment: what the swap engine maps onto a physical node.
 *
 * @param name name by assignment ({@code set nodeA [$ns node]}), or {@code tbnode-n<k>}
 * @param type hardware type, node class or vtype (default {@code pc})
 * @param os OS name as written ({@code NAME} or {@code pid/NAME}); the type's default OS when the
 *     file sets none; empty for vtypes and unknown types
 * @param parentOs parent OS of a sub-OS, or null
 * @param failureAction {@code fatal}, {@code nonfatal} or {@code ignore}
 * @param fixed physical node (or hosting virtual node) it is fixed to, or null
 * @param role {@code node} or {@code bridge}
 * @param routerType {@code none}, {@code static}, {@code manual}, {@code ospf}, ...
 * @param startupCmd {@code tb-set-node-startup} command, or null
 * @param startCmd {@code tb-set-node-startcmd} command, or null
 * @param cmdLine kernel command line, or null
 * @param rpms RPMs to install
 * @param tarfiles tarballs to unpack
 * @param loadList extra OSes to load ({@code tb-set-node-loadlist})
 * @param desires mapping desires (name to weight)
 * @param routes manual routes
 * @param interfaces experimental interfaces by port
 * @param settings less common per-node settings, recorded as written
 * @param line line where the node was created or named
 * @param column column of that command
 */
public record VirtualNode(
    String name,
    String type,
    String os,
    String parentOs,
    String failureAction,
    String fixed,
    String role,
    String routerType,
    String startupCmd,
    String startCmd,
    String cmdLine,
    List<String> rpms,
    List<Tarfile> tarfiles,
    List<String> loadList,
    Map<String, Double> desires,
    List<Route> routes,
    List<NodeInterface> interfaces,
    Map<String, String> settings,
    int line,
    int column) {

  public VirtualNode {
    rpms = List.copyOf(rpms);
    tarfiles = List.copyOf(tarfiles);
    loadList = List.copyOf(loadList);
    desires = Map.copyOf(desires);
    routes = List.copyOf(routes);
    interfaces = List.copyOf(interfaces);
    settings = Map.copyOf(settings);
  }
}
