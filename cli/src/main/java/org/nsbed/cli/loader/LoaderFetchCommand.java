package org.nsbed.cli.loader;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.loader.multicast.ClientConfig;
import org.nsbed.loader.multicast.ImageClient;
import org.nsbed.loader.multicast.LoadResult;
import org.nsbed.loader.multicast.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nsbed loader fetch}: load the image served on a group onto a disk. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
    description = "Load the image served on a multicast group into DISK (a file or block device). Exit 0 when complete and verified.")
public final class LoaderFetchCommand implements Callable<Integer> {
  @ParentCommand LoaderCommand parent;

  @Option(names = "--iface", description = "Network interface (default lo).")
  String iface = "lo";

  @Option(names = "--ttl", paramLabel = "N", description = "Multicast TTL of the requests (default 0: this host only; "
      + "1 to reach a server on the interface's link).")
  int ttl;

  @Option(names = "--group", required = true, paramLabel = "ADDR:PORT", converter = GroupConverter.class,
      description = "Multicast group and data port the image is served on.")
  InetSocketAddress group;

  @Option(names = "--timeout", paramLabel = "SEC", description = "Give up after SEC seconds (default ${DEFAULT-VALUE}).")
  int timeout = (int) ClientConfig.DEFAULT_TIMEOUT.toSeconds();

  @Option(names = "--expect", paramLabel = "UUID", description = "Only load the image with this UUID.")
  UUID expect;

  @Option(names = "--no-resume", description = "Start over even if an interrupted load of the same image left a journal.")
  boolean noResume;

  @Parameters(index = "0", paramLabel = "DISK", description = "Disk or file to write.")
  Path disk;

  @Override
  public Integer call() throws InterruptedException {
    Nsbed nsbed = (Nsbed) parent.spec.root().userObject();
    ClientConfig config;
    try {
      config = ClientConfig.of(group, disk).withIface(iface).withTtl(ttl).withTimeout(Duration.ofSeconds(timeout))
          .withExpectedImage(expect).withResume(!noResume);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), Nsbed.EXIT_USAGE);
    }
    boolean show = !nsbed.json() && !nsbed.quiet();
    int[] lastTenth = {-1};
    ProgressListener progress = p -> {
      int tenth = (int) (p.fraction() * 10);
      if (show && tenth != lastTenth[0]) {
        lastTenth[0] = tenth;
        System.err.printf(Locale.ROOT, "%3d %%  %d/%d chunks%n", tenth * 10, p.chunks(), p.totalChunks());
      }
    };
    LoadResult r;
    try {
      r = ImageClient.fetch(config, progress);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    } catch (CancellationException e) {
      throw new UserError(e.getMessage(), Nsbed.EXIT_FAILED);
    } catch (IOException e) {
      throw new UserError(e.getMessage(), Nsbed.EXIT_FAILED);
    }
    if (nsbed.json()) {
      System.out.printf(Locale.ROOT,
          "{\"image\":\"%s\",\"bytes\":%d,\"chunks\":%d,\"resumedChunks\":%d,\"duplicates\":%d,\"duplicateBytes\":%d,"
              + "\"seconds\":%.3f,\"verified\":%b}%n",
          r.image(), r.bytes(), r.chunks(), r.resumedChunks(), r.duplicateBlocks(), r.duplicateBytes(), r.seconds(), r.verified());
    } else if (!nsbed.quiet()) {
      System.out.printf(Locale.ROOT, "%s: image %s loaded, %s in %d chunks (%d resumed), %.2f s, %d duplicate blocks, verified%n",
          disk, r.image(), LoaderErrors.mib(r.bytes()), r.chunks(), r.resumedChunks(), r.seconds(), r.duplicateBlocks());
    }
    return Nsbed.EXIT_OK;
  }
}
