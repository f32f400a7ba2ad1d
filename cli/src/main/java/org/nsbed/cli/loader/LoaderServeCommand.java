package org.nsbed.cli.loader;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.loader.multicast.ImageServer;
import org.nsbed.loader.multicast.MulticastGroups;
import org.nsbed.loader.multicast.ServerConfig;
import org.nsbed.loader.multicast.ServerStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nsbed loader serve}: serve one image by multicast until killed or idle. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve one image by multicast. Prints 'group ADDR:PORT' first; runs until killed or idle for --idle-exit seconds.")
public final class LoaderServeCommand implements Callable<Integer> {
  @Option(names = "--iface", description = "Network interface (default lo).")
  String iface = "lo";

  @Option(names = "--ttl", paramLabel = "N", description = "Multicast TTL (default 0: this host only; "
      + "1 to reach the clients on the interface's link).")
  int ttl;

  @Option(names = "--group", paramLabel = "ADDR:PORT", converter = GroupConverter.class,
      description = "Multicast group and data port (port + 1 carries requests). Default: a random 239.192-195.x.y group.")
  InetSocketAddress group;

  @Option(names = "--rate", paramLabel = "MBIT", description = "Rate cap in Mbit/s of image data (default ${DEFAULT-VALUE}).")
  int rate = ServerConfig.DEFAULT_RATE_MBPS;

  @Option(names = "--idle-exit", paramLabel = "SEC", description = "Stop after SEC seconds without requests (default: never).")
  int idleExit;

  @Option(names = "--block-size", paramLabel = "BYTES", description = "Image bytes per datagram (default: the most the interface MTU allows).")
  int blockSize;

  @Parameters(index = "0", paramLabel = "IMAGE.ndz", description = "Image to serve.")
  Path image;

  @Override
  public Integer call() throws InterruptedException {
    InetSocketAddress g = group != null ? group : MulticastGroups.random();
    ServerConfig config;
    ImageServer server;
    try {
      config = new ServerConfig(image, iface, ttl, g, rate, Duration.ofSeconds(Math.max(0, idleExit)), blockSize);
      server = ImageServer.start(config);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    } catch (IOException e) {
      throw LoaderErrors.of(e);
    }
    System.out.println("group " + GroupConverter.format(g));
    System.out.println("serving " + image + " (image " + server.info().uuid() + ", " + server.info().chunkCount()
        + " chunks, " + LoaderErrors.mib(server.info().compressedBytes()) + ") on " + iface + " with TTL " + ttl
        + ", blocks of " + server.blockSize() + " bytes");
    System.out.flush();
    Thread hook = new Thread(server::close, "nsbed-loader-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      server.closedFuture().get();
    } catch (ExecutionException e) {
      throw new UserError("server stopped: " + e.getCause().getMessage(), Nsbed.EXIT_FAILED);
    }
    Runtime.getRuntime().removeShutdownHook(hook);
    ServerStats s = server.stats();
    System.out.println("idle for " + idleExit + " s; stopped after sending " + LoaderErrors.mib(s.dataBytesSent())
        + " in " + s.packetsSent() + " datagrams (" + s.requests() + " requests, " + s.mergedRequests() + " merged, "
        + s.ignoredDatagrams() + " ignored)");
    return Nsbed.EXIT_OK;
  }
}
