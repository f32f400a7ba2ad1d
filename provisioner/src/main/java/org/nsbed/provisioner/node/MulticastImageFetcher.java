package org.nsbed.provisioner.node;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.nsbed.loader.multicast.ClientConfig;
import org.nsbed.loader.multicast.ClientDiedException;
import org.nsbed.loader.multicast.ClientFaults;
import org.nsbed.loader.multicast.ImageClient;
import org.nsbed.loader.multicast.LoaderRuntime;
import org.nsbed.loader.multicast.LoadResult;

/**
 * The simulated node's disk loader: the loader module's real multicast client, joining the
 * image server's group on the given interface and writing the node's disk file, with the node's
 * injected faults (receive loss, dying at N %). Every node's client runs on one loader runtime
 * (a few event loops and workers for the whole testbed), so a host simulating hundreds of nodes
 * does not start threads per node.
 */
public final class MulticastImageFetcher implements ImageFetcher {
  private final Duration timeout;
  private LoaderRuntime runtime;
  private boolean closed;

  /** @param timeout the loader gives up after this long (a real MFS has such a watchdog too) */
  public MulticastImageFetcher(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public FetchOutcome fetch(BootTarget.LoadImage target, Path disk, NodeFaults faults, LongConsumer bytesWritten)
      throws InterruptedException {
    ClientConfig config = ClientConfig.of(target.group(), disk)
        .withIface(target.iface()).withTtl(target.ttl())
        .withResume(false)
        .withTimeout(timeout)
        .withFaults(new ClientFaults(faults.loss(), faults.loadDiesAtPercent().orElse(-1)));
    ImageClient client = ImageClient.start(runtime(), config, p -> bytesWritten.accept(p.bytes()));
    try {
      LoadResult r = client.await();
      return new FetchOutcome(true, false, r.bytes(), String.format(Locale.ROOT,
          "wrote %d bytes (%d chunks) in %.2f s, %d duplicate blocks, %s", r.bytes(), r.chunks(), r.seconds(),
          r.duplicateBlocks(), r.verified() ? "verified" : "NOT verified"));
    } catch (InterruptedException e) {
      // Powered off mid-load: the load stops with the node (the disk keeps what was written).
      client.cancel();
      throw e;
    } catch (ClientDiedException e) {
      return new FetchOutcome(false, true, 0, e.getMessage());
    } catch (IOException e) {
      return new FetchOutcome(false, false, 0, e.getMessage());
    }
  }

  private synchronized LoaderRuntime runtime() {
    if (closed) {
      throw new IllegalStateException("the testbed's loader has been closed");
    }
    if (runtime == null) {
      runtime = LoaderRuntime.create();
    }
    return runtime;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (runtime != null) {
      runtime.shutdown();
    }
  }
}
