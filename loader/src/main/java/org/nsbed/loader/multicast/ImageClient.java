package org.nsbed.loader.multicast;

import java.io.IOException;
import java.net.NetworkInterface;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * Loads an image served by an {@link ImageServer} onto a disk, Frisbee-style and receiver-driven:
 * it joins, learns the image header, fetches and checks the chunk index, then asks for chunks in
 * its own shuffled order, takes any chunk the group is sending if it has room, re-asks for just
 * the blocks it missed, and stays quiet about chunks it heard someone else ask for recently.
 *
 * <p>The parts: {@link DatagramDecoder} turns datagrams into messages at the edge of both socket
 * pipelines and {@link ClientInbound} hands them to the {@link LoadSession}, which holds the
 * load's phases and buffers; {@link RequestScheduler} decides what to ask for and when;
 * {@link LoadFeedback} tells the server when to slow down; {@link ChunkWriter} checks,
 * decompresses, writes and journals on the work pool. This class is the handle: its methods may
 * be called from any thread.
 *
 * <p>Use {@link #fetch} to load and wait, or {@link #start} for a handle that can be awaited or
 * cancelled. Many clients may run in one JVM on a shared {@link LoaderRuntime}.
 */
public final class ImageClient {
  private final ClientConfig config;
  private final CompletableFuture<LoadResult> result = new CompletableFuture<>();
  private final LoadSession session;

  private ImageClient(LoaderRuntime runtime, boolean ownsRuntime, ClientConfig config, ProgressListener listener) {
    this.config = config;
    NetworkInterface ni = Multicast.resolve(config.iface());
    Multicast.checkGroup(config.group());
    this.session = new LoadSession(config, ni, listener, result, runtime, ownsRuntime);
  }

  /**
   * Starts loading in the background on threads of its own, which end with the load.
   *
   * @throws IllegalArgumentException for a missing or unusable interface or a bad group
   */
  public static ImageClient start(ClientConfig config, ProgressListener listener) {
    LoaderRuntime own = LoaderRuntime.forOneClient();
    try {
      return new ImageClient(own, true, config, listener == null ? ProgressListener.NONE : listener);
    } catch (RuntimeException e) {
      own.shutdown();
      throw e;
    }
  }

  /** Starts loading in the background on {@code runtime}, which the caller owns and closes. */
  public static ImageClient start(LoaderRuntime runtime, ClientConfig config, ProgressListener listener) {
    return new ImageClient(runtime, false, config, listener == null ? ProgressListener.NONE : listener);
  }

  /** Loads and waits for the outcome. */
  public static LoadResult fetch(ClientConfig config, ProgressListener listener) throws IOException, InterruptedException {
    return start(config, listener).await();
  }

  /** Completes with the result, or exceptionally with a {@link LoadFailedException} or a cancellation. */
  public CompletableFuture<LoadResult> result() {
    return result;
  }

  /** Waits for the outcome. */
  public LoadResult await() throws IOException, InterruptedException {
    try {
      return result.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Stops the load; the disk keeps what was written, and a later load resumes from the journal. */
  public void cancel() {
    try {
      session.loop().execute(() -> session.fail(new CancellationException("load of " + config.disk() + " cancelled")));
    } catch (RejectedExecutionException e) {
      // The load has ended and its threads with it: there is nothing left to cancel.
    }
  }

  /** Progress so far (safe from any thread). */
  public LoadProgress progress() {
    return session.progress();
  }

}
