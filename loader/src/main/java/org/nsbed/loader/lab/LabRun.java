package org.nsbed.loader.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.nsbed.loader.multicast.MulticastGroups;

/**
 * One image load across a {@link NetworkLab}: the image server on the lab's first host, clients
 * on the others, each a {@link LabProcess} on the host's {@code eth0} with multicast TTL 1. A test
 * or benchmark starts the server and the clients (all at once, or some later), changes the
 * network while they run, and reads each side's result line.
 */
public final class LabRun implements AutoCloseable {
  /**
   * Seconds without a request after which the server stops by itself: long, because clients
   * that start late (a JVM starting on a busy machine) must still find it; {@link #stopServer}
   * stops it when the test is done.
   */
  private static final int SERVER_IDLE_SECONDS = 600;

  /**
   * A client's outcome.
   *
   * @param host the client's host
   * @param exit its exit status (0: loaded and verified)
   * @param seconds its own load time (start to last write), or -1 if it failed
   * @param verified every chunk matched its hash
   * @param duplicateBytes data it received twice or more
   * @param output what it printed (for failure messages)
   */
  public record ClientResult(NetworkLab.Host host, int exit, double seconds, boolean verified, long duplicateBytes,
      String output) {}

  /**
   * The server's totals.
   *
   * @param dataBytes image data bytes sent (repairs included)
   * @param datagrams datagrams sent
   * @param requests requests received
   * @param joins clients' join messages received
   */
  public record ServerResult(long dataBytes, long datagrams, long requests, long joins) {}

  private final NetworkLab lab;
  private final Path image;
  private final Path work;
  private final InetSocketAddress group = MulticastGroups.random();
  private final List<String> java;
  private Process server;
  private final List<Started> clients = new ArrayList<>();

  private record Started(NetworkLab.Host host, Process process, Path log, Path disk) {}

  /**
   * @param lab the network; host 0 serves
   * @param image the {@code .ndz} image to serve
   * @param work where the clients' disks and the logs go
   */
  public LabRun(NetworkLab lab, Path image, Path work) throws IOException {
    this.lab = lab;
    this.image = image;
    this.work = Files.createDirectories(work);
    String javaBin = ProcessHandle.current().info().command().orElse("java");
    this.java = List.of(javaBin, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), LabProcess.class.getName());
  }

  /** Starts the server on host 0 at {@code rateMbit} and waits until it serves. */
  public void startServer(int rateMbit) throws IOException, InterruptedException {
    Path log = work.resolve("server.log");
    List<String> cmd = new ArrayList<>(java);
    cmd.addAll(List.of("serve", image.toString(), "eth0", "1", group.getAddress().getHostAddress(),
        String.valueOf(group.getPort()), String.valueOf(rateMbit), String.valueOf(SERVER_IDLE_SECONDS)));
    server = lab.start(lab.host(0), cmd, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(log).contains("ready")) {
      if (!server.isAlive() || System.nanoTime() > deadline) {
        throw new IOException("the image server did not start: " + Files.readString(log));
      }
      Thread.sleep(50);
    }
  }

  /** Starts a client on {@code host}, writing a disk of its own. */
  public void startClient(NetworkLab.Host host, Duration timeout) throws IOException {
    Path disk = work.resolve(host.namespace() + ".disk");
    Path log = work.resolve(host.namespace() + ".log");
    List<String> cmd = new ArrayList<>(java);
    cmd.addAll(List.of("fetch", disk.toString(), "eth0", "1", group.getAddress().getHostAddress(),
        String.valueOf(group.getPort()), String.valueOf(timeout.toSeconds())));
    clients.add(new Started(host, lab.start(host, cmd, log), log, disk));
  }

  /** Waits until the client on {@code host} has loaded at least {@code percent} % of the image. */
  public void awaitProgress(NetworkLab.Host host, int percent, Duration limit) throws IOException, InterruptedException {
    Started c = clients.stream().filter(s -> s.host().equals(host)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no client on " + host.namespace()));
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      boolean reached = Files.readString(c.log()).lines().filter(l -> l.startsWith("progress "))
          .anyMatch(l -> Integer.parseInt(l.substring(9).trim()) >= percent);
      if (reached) {
        return;
      }
      if (!c.process().isAlive()) {
        throw new IOException("the client on " + host.namespace() + " ended early: " + Files.readString(c.log()));
      }
      Thread.sleep(20);
    }
    throw new IOException("the client on " + host.namespace() + " did not reach " + percent + " % in " + limit);
  }

  /** Waits for every started client to end and returns their outcomes, in start order. */
  public List<ClientResult> awaitClients(Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    List<ClientResult> results = new ArrayList<>();
    for (Started c : clients) {
      long left = Math.max(1, deadline - System.nanoTime());
      if (!c.process().waitFor(left, TimeUnit.NANOSECONDS)) {
        c.process().destroyForcibly().waitFor();
      }
      String out = Files.readString(c.log());
      Optional<String[]> line = out.lines().filter(l -> l.startsWith("fetched ")).findFirst().map(l -> l.split(" "));
      results.add(line.map(f -> new ClientResult(c.host(), c.process().exitValue(), Double.parseDouble(f[1]),
              Boolean.parseBoolean(f[2]), Long.parseLong(f[3]), out))
          .orElseGet(() -> new ClientResult(c.host(), c.process().exitValue(), -1, false, 0, out)));
    }
    return results;
  }

  /** The disk a client wrote. */
  public Path disk(NetworkLab.Host host) {
    return work.resolve(host.namespace() + ".disk");
  }

  /** Stops the server and returns its totals. */
  public ServerResult stopServer() throws IOException, InterruptedException {
    server.destroy();
    if (!server.waitFor(60, TimeUnit.SECONDS)) {
      server.destroyForcibly();
      throw new IOException("the image server did not stop: " + Files.readString(work.resolve("server.log")));
    }
    String out = Files.readString(work.resolve("server.log"));
    String[] f = out.lines().filter(l -> l.startsWith("served ")).findFirst()
        .orElseThrow(() -> new IOException("the image server ended without its totals: " + out)).split(" ");
    return new ServerResult(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]));
  }

  /** Stops whatever still runs (the lab kills its processes too when it closes). */
  @Override
  public void close() {
    clients.forEach(c -> c.process().destroyForcibly());
    if (server != null) {
      server.destroyForcibly();
    }
  }
}
