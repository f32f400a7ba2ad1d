package org.nsbed.loader.lab;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.nsbed.loader.multicast.ClientConfig;
import org.nsbed.loader.multicast.ImageClient;
import org.nsbed.loader.multicast.ImageServer;
import org.nsbed.loader.multicast.LoadResult;
import org.nsbed.loader.multicast.ServerConfig;
import org.nsbed.loader.multicast.ServerStats;

/**
 * The image server or one client, as a process of its own that a {@link NetworkLab} runs inside
 * a host's namespace (a thread cannot change namespace; a process can be started in one). It
 * prints one result line that {@link LabRun} reads:
 *
 * <pre>
 *   serve IMAGE IFACE TTL GROUP PORT RATE_MBIT IDLE_SEC   → "served BYTES DATAGRAMS REQUESTS JOINS IGNORED" when stopped
 *   fetch DISK IFACE TTL GROUP PORT TIMEOUT_SEC           → "progress PERCENT" every 10 %, then
 *                                                            "fetched SECONDS VERIFIED DUPLICATE_BYTES REQUESTS"
 * </pre>
 */
public final class LabProcess {
  private LabProcess() {}

  public static void main(String[] args) throws Exception {
    InetSocketAddress group = new InetSocketAddress(InetAddress.getByName(args[4]), Integer.parseInt(args[5]));
    int ttl = Integer.parseInt(args[3]);
    switch (args[0]) {
      case "serve" -> {
        ServerConfig config = ServerConfig.of(Path.of(args[1]), group).withIface(args[2]).withTtl(ttl)
            .withRateMbps(Integer.parseInt(args[6])).withIdleExit(Duration.ofSeconds(Long.parseLong(args[7])));
        ImageServer server = ImageServer.start(config);
        // Stopped (SIGTERM) or idle: either way the totals are the last line.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          ServerStats s = server.stats();
          System.out.println("served " + s.dataBytesSent() + " " + s.packetsSent() + " " + s.requests() + " "
              + s.joins() + " " + s.ignoredDatagrams());
          System.out.flush();
        }));
        System.out.println("ready");
        System.out.flush();
        server.closedFuture().get();
      }
      case "fetch" -> {
        ClientConfig config = ClientConfig.of(group, Path.of(args[1])).withIface(args[2]).withTtl(ttl)
            .withTimeout(Duration.ofSeconds(Long.parseLong(args[6]))).withResume(false);
        int[] lastTenth = {-1};
        LoadResult r = ImageClient.fetch(config, p -> {
          int tenth = (int) (p.fraction() * 10);
          if (tenth != lastTenth[0]) {
            lastTenth[0] = tenth;
            System.out.println("progress " + tenth * 10);
            System.out.flush();
          }
        });
        System.out.println(String.format(Locale.ROOT, "fetched %.3f %s %d %d", r.seconds(), r.verified(),
            r.duplicateBytes(), r.requestsSent()));
      }
      default -> throw new IllegalArgumentException("serve or fetch, not " + args[0]);
    }
    System.out.flush();
    System.exit(0);
  }
}
