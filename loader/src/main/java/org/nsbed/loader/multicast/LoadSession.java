package org.nsbed.loader.multicast;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Ticker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.nsbed.loader.image.CorruptImageException;
import org.nsbed.loader.image.ImageHeader;
import org.nsbed.loader.image.ImageLayout;

/**
 * One load's state machine behind an {@link ImageClient}: opening the sockets, joining, fetching
 * the index, loading, finishing, ended. It takes the decoded datagrams from {@link ClientInbound}
 * and hands the blocks to {@link BlockIntake}, the deciding to {@link RequestScheduler}, the
 * reporting to {@link LoadFeedback} and the writing to {@link ChunkWriter}. Event-loop confined, with time
 * from the loop's {@link Ticker}; only {@link #progress()} is read from other threads.
 */
final class LoadSession {
  private static final long TICK_NANOS = 5_000_000L;
  private static final long JOIN_INTERVAL_NANOS = 100_000_000L;

  private enum Phase { OPENING, JOINING, INDEX, LOADING, FINISHING, ENDED }

  private final ClientConfig config;
  private final ProgressListener listener;
  private final CompletableFuture<LoadResult> result;
  private final LoaderRuntime runtime;
  private final boolean ownsRuntime;
  private final EventLoop loop;
  private final Ticker ticker;
  private final SplittableRandom random = new SplittableRandom();
  private final int clientId = random.nextInt();
  private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
  private final long startNanos;
  private final Drops drops = new Drops();
  private final LoadFeedback feedback;
  private final LoadCounts counts = new LoadCounts();
  private final ScheduledFuture<?> deadline;
  private volatile LoadProgress progress = new LoadProgress(0, 0, 0, 0);

  private Phase phase = Phase.OPENING;
  private ClientSockets sockets;
  private ScheduledFuture<?> tick;
  private long lastJoin = Piece.NEVER;
  private ImageHeader header;
  private long session;
  private ChunkCache cache;
  private BlockIntake intake;
  private RequestScheduler scheduler;
  private ImageLayout layout;
  private ChunkWriter writer;

  LoadSession(ClientConfig config, NetworkInterface ni, ProgressListener listener, CompletableFuture<LoadResult> result,
      LoaderRuntime runtime, boolean ownsRuntime) {
    this.config = config;
    this.listener = listener;
    this.result = result;
    this.runtime = runtime;
    this.ownsRuntime = ownsRuntime;
    this.loop = runtime.clientLoop();
    this.ticker = loop.ticker();
    this.startNanos = ticker.nanoTime();
    this.feedback = new LoadFeedback(config.cacheChunks());
    this.deadline = loop.schedule(() -> fail(new LoadFailedException("loading " + config.disk() + " from " + groupName()
        + " timed out after " + config.timeout().toSeconds() + " s (" + describeProgress() + ")")),
        config.timeout().toNanos(), TimeUnit.NANOSECONDS);
    ClientSockets.open(loop, ni, config.ttl(), config.group(), this, drops, config.faults().receiveLoss(), random.split())
        .whenComplete(this::opened);
  }

  EventLoop loop() {
    return loop;
  }

  LoadProgress progress() {
    return progress;
  }

  boolean ready() {
    return phase != Phase.OPENING && phase != Phase.ENDED;
  }

  private void opened(ClientSockets s, Throwable error) {
    if (error != null) {
      fail(new LoadFailedException(error.getMessage(), error));
    } else if (phase == Phase.ENDED) {
      s.close();
    } else {
      sockets = s;
      phase = Phase.JOINING;
      tick = loop.scheduleAtFixedRate(this::tick, 0, TICK_NANOS, TimeUnit.NANOSECONDS);
    }
  }

  private String groupName() {
    return config.group().getAddress().getHostAddress() + ":" + config.group().getPort();
  }

  private String describeProgress() {
    if (layout == null) {
      return header == null ? "no server answered" : "the chunk index never arrived";
    }
    return counts.onDisk() + " of " + layout.chunkCount() + " chunks on disk";
  }

  private void reportProgress() {
    progress = counts.progress(header.dataBytes(), layout.chunkCount());
    listener.progress(progress);
  }

  void info(Message.Info info, InetAddress from) {
    if (phase != Phase.JOINING) {
      return;
    }
    ImageHeader h = ServedImage.acceptable(info, config.expectedImage(), "image served on " + groupName());
    if (h == null) {
      drops.count(Drops.Reason.OTHER_SESSION);
      return;
    }
    header = h;
    session = info.session();
    feedback.window(LoadFeedback.windowBlocks(sockets.receiveBufferBytes(), info.blockSize()));
    cache = new ChunkCache(config.cacheChunks(), h.chunkLimit());
    scheduler = new RequestScheduler(new Piece(h.chunkCount(), h.indexLength(), info.blockSize()), config.cacheChunks(),
        this::request, ticker.nanoTime());
    intake = new BlockIntake(session, from, h.chunkCount(), scheduler, cache, feedback, counts, drops);
    phase = Phase.INDEX;
    tick();
  }

  void block(Message.Block b, InetAddress from) {
    if (intake == null) {
      drops.count(Drops.Reason.OTHER_SESSION);
      return;
    }
    Piece p = intake.accept(b, from, ticker.nanoTime());
    if (p == scheduler.index) {
      indexComplete();
    } else if (p != null) {
      writer.submit(p);
      scheduler.requestMore(ticker.nanoTime(), writer.backlog());
    }
  }

  void overheard(Message.Request r) {
    if (r.clientId() != clientId && header != null && r.session() == session) {
      scheduler.overheard(r.piece(), r.bitmap(), ticker.nanoTime());
    }
  }

  private void indexComplete() {
    Piece index = scheduler.index;
    String what = "image served on " + groupName();
    try {
      layout = ImageLayout.decode(header, index.buf.array(), what);
    } catch (CorruptImageException e) {
      // A damaged or forged index is never trusted; fetch it again.
      counts.corruptChunks++;
      scheduler.failed(index);
      return;
    }
    index.state = Piece.State.DONE;
    index.buf = null;
    int n = layout.chunkCount();
    BitSet done = new BitSet(n);
    try {
      writer = ChunkWriter.open(config.disk(), config.resume(), layout, done, what, loop, runtime.work(),
          runtime.decodersPerClient(), cache, new Written(), this::released);
    } catch (IOException e) {
      fail(new LoadFailedException("cannot open disk " + config.disk() + ": " + e.getMessage(), e));
      return;
    }
    runtime.writerOpened();
    counts.resumedChunks = done.cardinality();
    done.stream().forEach(i -> counts.resumedBytes += layout.chunk(i).rawLength());
    scheduler.plan(n, i -> layout.chunk(i).length(), done, random);
    phase = Phase.LOADING;
    reportProgress();
    if (counts.resumedChunks == n) {
      finish();
    } else {
      scheduler.requestMore(ticker.nanoTime(), 0);
    }
  }

  private void tick() {
    long now = ticker.nanoTime();
    switch (phase) {
      case JOINING -> {
        if (now - lastJoin >= JOIN_INTERVAL_NANOS) {
          lastJoin = now;
          sockets.send(Wire.join(alloc, clientId));
        }
      }
      case INDEX -> scheduler.indexTick(now);
      case LOADING -> {
        acknowledge(now, false, writer.backlog());
        if (feedback.slowDue(now, false, writer.backlog())) {
          sockets.send(Wire.slow(alloc, session, clientId, feedback.takeLoss()));
        }
        scheduler.requestMore(now, writer.backlog());
        writer.checkpoint(now);
      }
      default -> { }
    }
  }

  /** A read burst on the data socket ended; {@code queued}: the socket was queueing (see {@link ReceiveQueueMonitor}). */
  void readBurstEnded(boolean queued) {
    long now = ticker.nanoTime();
    int backlog = writer == null ? 0 : writer.backlog();
    if (queued && phase == Phase.LOADING && feedback.slowDue(now, true, backlog)) {
      sockets.send(Wire.slow(alloc, session, clientId, feedback.takeLoss()));
    }
    acknowledge(now, true, backlog);
  }

  private void acknowledge(long now, boolean burstEnd, int backlog) {
    // Not before the index is in: until then the client cannot keep any chunk, and the server waits for it.
    if (phase == Phase.LOADING && feedback.ackDue(now, burstEnd, backlog)) {
      sockets.send(Wire.ack(alloc, session, clientId, feedback.ackedSeq(), feedback.window()));
    }
  }

  private void request(int piece, byte[] bitmap) {
    counts.requestsSent++;
    sockets.send(Wire.request(alloc, session, clientId, piece, feedback.takeLoss(), bitmap));
  }

  /** What the write pipeline reports back. */
  private final class Written implements ChunkWriter.Outcomes {
    @Override
    public void written(Piece p) {
      counts.doneChunks++;
      counts.doneBytes += layout.chunk(p.number).rawLength();
      reportProgress();
      int dieAt = config.faults().dieAtPercent();
      if (dieAt >= 0 && (long) counts.onDisk() * 100 >= (long) dieAt * layout.chunkCount()) {
        die(dieAt);
      } else if (counts.onDisk() == layout.chunkCount()) {
        finish();
      } else {
        scheduler.requestMore(ticker.nanoTime(), writer.backlog());
      }
    }

    @Override
    public void corrupt(Piece p) {
      // Damaged in transit or forged: never written; ask for the chunk again.
      counts.corruptChunks++;
      scheduler.failed(p);
      scheduler.requestMore(ticker.nanoTime(), writer.backlog());
    }

    @Override
    public void failed(Throwable error) {
      fail(error);
    }
  }

  private void finish() {
    phase = Phase.FINISHING;
    stopTimers();
    // Said before the final flush: the server need not wait for us any more (see ReceiverWindows).
    sockets.send(Wire.leave(alloc, session, clientId, true));
    writer.finish(error -> {
      if (error != null) {
        fail(error);
        return;
      }
      LoadResult r = counts.result(header.uuid(), (ticker.nanoTime() - startNanos) / 1e9, feedback.lostDatagrams(), drops);
      end();
      result.complete(r);
    });
  }

  /** The injected "die at N %" fault: stops as a crashed node would, with no final flush and no goodbye. */
  private void die(int percent) {
    end();
    result.completeExceptionally(new ClientDiedException("client for disk " + config.disk() + " died at " + percent
        + " % (injected fault): " + counts.onDisk() + " of " + layout.chunkCount() + " chunks on disk"));
  }

  void fail(Throwable error) {
    if (phase == Phase.ENDED) {
      return;
    }
    if (sockets != null && header != null) {
      // So that the server does not wait for us (see ReceiverWindows).
      sockets.send(Wire.leave(alloc, session, clientId, false));
    }
    end();
    result.completeExceptionally(error);
  }

  private void stopTimers() {
    if (tick != null) {
      tick.cancel(false);
    }
    deadline.cancel(false);
  }

  /** Leaves the group and lets go of everything; the journal stays for a later resume. */
  private void end() {
    phase = Phase.ENDED;
    stopTimers();
    if (sockets != null) {
      sockets.close();
    }
    if (scheduler != null) {
      for (Piece p : scheduler.inFlight()) {
        if (p != scheduler.index) {
          cache.give(p.buf);
        }
      }
    }
    if (cache != null) {
      cache.close();
    }
    System.getLogger(LoadSession.class.getName()).log(System.Logger.Level.DEBUG,
        () -> "load of " + config.disk() + " from " + groupName() + " ended; datagrams dropped: " + drops.describe());
    if (writer != null) {
      writer.end();
    } else {
      released();
    }
  }

  /** Nothing of the load is in use any more: threads of its own can stop. */
  private void released() {
    runtime.writerClosed();
    if (ownsRuntime) {
      runtime.shutdown();
    }
  }
}
