package org.nsbed.loader.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A small network of its own on this machine: one network namespace per host, each joined to a
 * bridge (in a namespace of its own too) by a veth link with an MTU of 1500, so an image server
 * and its clients talk across real network stacks instead of loopback. Loss (nftables dropping a
 * share of the UDP datagrams a host receives), a rate limit per link (a {@code tbf} qdisc on both
 * ends) and a link going down can be set per host.
 *
 * <p>Nothing outside the lab is touched: every name carries a random prefix, the hosts' addresses
 * are in a 10.x.y.0/24 of the lab's own, and {@link #close} deletes every namespace (which takes
 * their links with them), also after a failure half-way through {@link #create}. Creating a lab
 * needs the rights to make namespaces (root); without them {@code create} fails and says so;
 * nothing falls back to the host's own network.
 */
public final class NetworkLab implements AutoCloseable {

  /**
   * One host of the lab.
   *
   * @param namespace its network namespace
   * @param iface its interface on the lab's network (always {@code eth0})
   * @param address its IPv4 address
   * @param bridgePort the other end of its link, on the bridge
   */
  public record Host(String namespace, String iface, String address, String bridgePort) {}

  private final String prefix;
  private final String bridgeNamespace;
  private final List<Host> hosts = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();

  private NetworkLab(String prefix) {
    this.prefix = prefix;
    this.bridgeNamespace = prefix + "-br";
  }

  /**
   * Creates a lab of {@code hosts} hosts on one bridge.
   *
   * @throws IOException if a namespace, link or address cannot be made (nothing is left behind)
   */
  public static NetworkLab create(int hosts) throws IOException, InterruptedException {
    if (hosts < 1 || hosts > 200) {
      throw new IllegalArgumentException("a lab has 1-200 hosts, not " + hosts);
    }
    NetworkLab lab = new NetworkLab("nsb" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6));
    try {
      lab.build(hosts);
      return lab;
    } catch (IOException | InterruptedException | RuntimeException e) {
      lab.close();
      throw e;
    }
  }

  private void build(int count) throws IOException, InterruptedException {
    int subnet = ThreadLocalRandom.current().nextInt(1, 250);
    int net = ThreadLocalRandom.current().nextInt(1, 250);
    ip("netns", "add", bridgeNamespace);
    ip("-n", bridgeNamespace, "link", "add", "br0", "type", "bridge");
    // Without an IGMP querier a snooping bridge may drop group traffic it has not learnt yet.
    ip("-n", bridgeNamespace, "link", "set", "br0", "type", "bridge", "mcast_snooping", "0");
    ip("-n", bridgeNamespace, "link", "set", "br0", "up");
    for (int i = 0; i < count; i++) {
      String ns = prefix + "-h" + i;
      String port = prefix + "p" + i;
      String address = "10." + net + "." + subnet + "." + (i + 1);
      ip("netns", "add", ns);
      hosts.add(new Host(ns, "eth0", address, port));
      ip("link", "add", port, "netns", bridgeNamespace, "mtu", "1500", "type", "veth", "peer", "name", "eth0",
          "netns", ns, "mtu", "1500");
      ip("-n", bridgeNamespace, "link", "set", port, "master", "br0");
      ip("-n", bridgeNamespace, "link", "set", port, "up");
      ip("-n", ns, "addr", "add", address + "/24", "dev", "eth0");
      ip("-n", ns, "link", "set", "eth0", "up");
      ip("-n", ns, "link", "set", "lo", "up");
    }
  }

  /** The hosts, in the order they were made. */
  public List<Host> hosts() {
    return List.copyOf(hosts);
  }

  /** Host {@code i}. */
  public Host host(int i) {
    return hosts.get(i);
  }

  /**
   * Drops {@code percent} % of the UDP datagrams {@code host} receives, chosen at random (0 removes
   * the rule).
   */
  public void setReceiveLoss(Host host, int percent) throws IOException, InterruptedException {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("loss must be 0-100 %, not " + percent);
    }
    run(List.of("ip", "netns", "exec", host.namespace(), "nft", "delete", "table", "inet", "nsbed_loss"), true);
    if (percent == 0) {
      return;
    }
    String rules = "table inet nsbed_loss {\n"
        + "  chain input {\n"
        + "    type filter hook input priority 0; policy accept;\n"
        + "    meta l4proto udp numgen random mod 100 < " + percent + " drop\n"
        + "  }\n"
        + "}\n";
    runWithInput(List.of("ip", "netns", "exec", host.namespace(), "nft", "-f", "-"), rules);
  }

  /** Limits {@code host}'s link to {@code mbit} Mbit/s each way. */
  public void setRate(Host host, int mbit) throws IOException, InterruptedException {
    if (mbit < 1) {
      throw new IllegalArgumentException("rate must be at least 1 Mbit/s, not " + mbit);
    }
    // The bucket holds a few milliseconds at the rate (at least 32 KiB), as a switch port's
    // buffer would; less makes tbf drop bursts a real link would carry.
    long burstBytes = Math.max(32 << 10, (long) mbit * 1_000_000 / 8 / 200);
    String rate = mbit + "mbit";
    String burst = String.valueOf(burstBytes);
    for (String[] end : List.of(new String[] {host.namespace(), host.iface()},
        new String[] {bridgeNamespace, host.bridgePort()})) {
      run(List.of("tc", "-n", end[0], "qdisc", "replace", "dev", end[1], "root", "tbf", "rate", rate, "burst", burst,
          "latency", "50ms"), false);
    }
  }

  /** Takes {@code host}'s link down ({@code false}) or up again ({@code true}). */
  public void setLinkUp(Host host, boolean up) throws IOException, InterruptedException {
    ip("-n", bridgeNamespace, "link", "set", host.bridgePort(), up ? "up" : "down");
  }

  /**
   * Starts {@code command} inside {@code host}'s namespace; its output goes to {@code log}. The lab
   * kills it on {@link #close} if it is still running.
   */
  public Process start(Host host, List<String> command, java.nio.file.Path log) throws IOException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace()));
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    synchronized (processes) {
      processes.add(p);
    }
    return p;
  }

  /** Kills what the lab started and deletes every namespace it made. */
  @Override
  public void close() {
    synchronized (processes) {
      for (Process p : processes) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
      for (Process p : processes) {
        try {
          p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      processes.clear();
    }
    for (Host h : hosts) {
      deleteNamespace(h.namespace());
    }
    deleteNamespace(bridgeNamespace);
  }

  private static void deleteNamespace(String ns) {
    try {
      run(List.of("ip", "netns", "delete", ns), true);
    } catch (IOException e) {
      // Already gone, or never made.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void ip(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("ip"));
    cmd.addAll(List.of(args));
    run(cmd, false);
  }

  private static void run(List<String> cmd, boolean mayFail) throws IOException, InterruptedException {
    runWithInput(cmd, null, mayFail);
  }

  private static void runWithInput(List<String> cmd, String input) throws IOException, InterruptedException {
    runWithInput(cmd, input, false);
  }

  private static void runWithInput(List<String> cmd, String input, boolean mayFail)
      throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("cannot run " + cmd.get(0) + " (" + e.getMessage() + "); the lab needs iproute2 and nftables",
          e);
    }
    if (input != null) {
      p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + " did not finish in 30 s");
    }
    if (p.exitValue() != 0 && !mayFail) {
      throw new IOException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + out
          + (out.contains("Operation not permitted") ? " (network namespaces need root)" : ""));
    }
  }
}
