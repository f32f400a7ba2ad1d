package org.nsbed.loader.multicast;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.nsbed.loader.image.ChunkBuffers;
import org.nsbed.loader.image.ChunkDecoder;
import org.nsbed.loader.image.CorruptImageException;
import org.nsbed.loader.image.DiskWriter;
import org.nsbed.loader.image.ImageHeader;
import org.nsbed.loader.image.ImageLayout;

/**
 * Loads an image served by an {@link ImageServer} onto a disk, Frisbee-style and receiver-driven:
 * it joins, learns the image header, fetches and checks the chunk index, then asks for chunks in
 * its own shuffled order, takes any chunk the group is sending if it has room, re-asks for just
 * the blocks it missed, and stays quiet about chunks it heard someone else ask for recently.
 *
 * <p>Stages: receiving (the client's Netty event loop; all load state lives there, unshared),
 * then checking, decompressing and writing (the shared work pool, at absolute disk offsets, any
 * order). Memory is bounded by {@link ClientConfig#cacheChunks()}. Progress is journalled after
 * each disk flush, so a client that dies resumes where the disk is known good.
 *
 * <p>Use {@link #fetch} to load and wait, or {@link #start} for a handle that can be awaited or
 * cancelled; many clients may run in one JVM.
 */
public final class ImageClient {
  private static final long TICK_NANOS = 5_000_000L;
  private static final long JOIN_INTERVAL_NANOS = 100_000_000L;
  /**
   * A chunk we are filling that has gone this long without a block gets its gaps re-requested
   * (sooner, as soon as the server is seen sending another piece: then the gaps are certain).
   */
  private static final long REDO_FILLING_NANOS = 500_000_000L;
  /** A chunk asked for (by us or anyone) that has not started arriving is asked for again after this. */
  private static final long REDO_REQUESTED_NANOS = 500_000_000L;
  private static final long JOURNAL_INTERVAL_NANOS = 250_000_000L;
  /** How often a client losing data or falling behind says so. */
  private static final long SLOW_INTERVAL_NANOS = 20_000_000L;
  private static final int MAX_IN_PROGRESS = 8;
  /**
   * Complete chunks waiting to be checked and written (at most half the cache) beyond which this
   * client says it is falling behind. Enough to ride out a burst, so one fast client is not held
   * back; far less than the cache, so with many clients the server settles near the rate the
   * slowest one writes instead of filling every client's memory and starving its receiving.
   */
  private static final int BACKLOG_CHUNKS = 16;
  /**
   * Bytes (or datagrams) found waiting in the data socket in one read burst beyond which this
   * client says it is falling behind: its receive buffer is filling, long before it overflows.
   */
  private static final int QUEUED_BYTES = 2 << 20;
  private static final int QUEUED_DATAGRAMS = 48;
  /**
   * No block for this long while we wait for some: the server has gone quiet, so whatever we are
   * still missing was lost or never asked for. Ask again now (Frisbee's "3 empty timeouts").
   */
  private static final long IDLE_NANOS = 50_000_000L;

  private enum Phase { JOINING, INDEX, LOADING, FINISHING, ENDED }

  private enum State { NEEDED, REQUESTED, FILLING, DECODING, DONE }

  private static final class Piece {
    final int number;
    final int length;
    final int blocks;
    State state = State.NEEDED;
    ByteBuffer buf;
    BitSet have;
    int missing;
    /** The server has sent another piece since our last block of this one: its gaps will not fill. */
    boolean passOver;
    /** Blocks of this piece went by while we had no room: ask for it as soon as there is. */
    boolean missedData;
    long lastHeard = Long.MIN_VALUE / 2;

    Piece(int number, int length, int blockSize) {
      this.number = number;
      this.length = length;
      this.blocks = (length + blockSize - 1) / blockSize;
    }
  }

  private final ClientConfig config;
  private final ProgressListener listener;
  private final CompletableFuture<LoadResult> result = new CompletableFuture<>();
  private final EventLoop loop;
  private final int clientId;
  private final SplittableRandom random = new SplittableRandom();
  private final InetSocketAddress controlGroup;
  private final int controlPort;
  private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
  private final long startNanos = System.nanoTime();
  /** Null until both sockets are open; datagrams arriving before that are ignored. */
  private volatile NioDatagramChannel data;
  private volatile NioDatagramChannel control;
  private final ScheduledFuture<?> deadline;
  private ScheduledFuture<?> tick;

  // Load state: touched only on the event loop.
  private Phase phase = Phase.JOINING;
  private long lastJoin = Long.MIN_VALUE / 2;
  private ImageHeader header;
  private long session;
  private int blockSize;
  private InetAddress server;
  private Piece index;
  private ImageLayout layout;
  private Piece[] chunks;
  private Piece lastBlockPiece;
  private int lastSeq;
  private boolean seqKnown;
  /** Datagrams were lost (or dropped for want of room) since our last request: tell the server. */
  private boolean lossToReport;
  private long lostDatagrams;
  private long lastSlow = Long.MIN_VALUE / 2;
  /** Datagrams and bytes taken from the data socket in the current read burst. */
  private int burstDatagrams;
  private int burstBytes;
  private long lastBlockAt = System.nanoTime();
  private long lastIdleKick = Long.MIN_VALUE / 2;
  private long noRoomBlocks;
  private int[] order;
  private int cursor;
  private final LinkedHashSet<Piece> filling = new LinkedHashSet<>();
  private final LinkedHashSet<Piece> requested = new LinkedHashSet<>();
  private final ArrayDeque<ByteBuffer> freeBuffers = new ArrayDeque<>();
  private int buffersMade;
  private final ArrayDeque<Piece> decodeQueue = new ArrayDeque<>();
  private int decoding;
  private final ConcurrentLinkedQueue<ChunkDecoder> decoders = new ConcurrentLinkedQueue<>();
  private int maxDecoding;
  private DiskWriter disk;
  private ResumeJournal journal;
  private BitSet done;
  private int doneCount;
  private int resumedCount;
  private long doneBytes;
  private long resumedBytes;
  private boolean journalDirty;
  private boolean journalSaving;
  private long lastJournal;

  private long receivedBytes;
  private long duplicateBlocks;
  private long duplicateBytes;
  private long requestsSent;
  private long ignored;
  private long injectedLosses;
  private int corruptChunks;

  private ImageClient(ClientConfig config, ProgressListener listener) {
    this.config = config;
    this.listener = listener;
    NetworkInterface ni = Multicast.resolve(config.iface());
    Multicast.checkGroup(config.group());
    this.controlPort = config.group().getPort() + 1;
    this.controlGroup = new InetSocketAddress(config.group().getAddress(), controlPort);
    this.clientId = random.nextInt();
    this.loop = LoaderThreads.nextLoop();
    this.deadline = loop.schedule(() -> fail(new LoadFailedException("loading " + config.disk() + " from "
        + groupName() + " timed out after " + config.timeout().toSeconds() + " s (" + describeProgress() + ")")),
        config.timeout().toNanos(), TimeUnit.NANOSECONDS);
    CompletableFuture<NioDatagramChannel> c = Multicast.openAsync(loop, ni, config.ttl(), config.group().getAddress(), controlPort, new ControlHandler());
    CompletableFuture<NioDatagramChannel> d = Multicast.openAsync(loop, ni, config.ttl(), config.group().getAddress(), config.group().getPort(), new DataHandler());
    c.whenComplete((ctl, e1) -> d.whenComplete((dat, e2) -> loop.execute(() -> opened(ctl, dat, e1 != null ? e1 : e2))));
  }

  /** Both sockets are open (or one failed): start joining. Runs on the event loop. */
  private void opened(NioDatagramChannel ctl, NioDatagramChannel dat, Throwable error) {
    if (error != null || phase == Phase.ENDED) {
      if (ctl != null) {
        ctl.close();
      }
      if (dat != null) {
        dat.close();
      }
      if (error != null) {
        fail(new LoadFailedException(error.getMessage(), error));
      }
      return;
    }
    data = dat;
    control = ctl;
    tick = loop.scheduleAtFixedRate(this::tick, 0, TICK_NANOS, TimeUnit.NANOSECONDS);
  }

  /**
   * Starts loading in the background.
   *
   * @throws IllegalArgumentException for a missing or unusable interface or a bad group
   */
  public static ImageClient start(ClientConfig config, ProgressListener listener) {
    return new ImageClient(config, listener == null ? ProgressListener.NONE : listener);
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
    loop.execute(() -> fail(new CancellationException("load of " + config.disk() + " cancelled")));
  }

  /** Progress so far (safe from any thread; approximate while running). */
  public CompletableFuture<LoadProgress> progress() {
    CompletableFuture<LoadProgress> f = new CompletableFuture<>();
    loop.execute(() -> f.complete(currentProgress()));
    return f;
  }

  private String groupName() {
    return config.group().getAddress().getHostAddress() + ":" + config.group().getPort();
  }

  private String describeProgress() {
    if (layout == null) {
      return header == null ? "no server answered" : "the chunk index never arrived";
    }
    return doneCount + " of " + layout.chunkCount() + " chunks on disk";
  }

  private LoadProgress currentProgress() {
    if (layout == null) {
      return new LoadProgress(0, header == null ? 0 : header.dataBytes(), 0, header == null ? 0 : header.chunkCount());
    }
    return new LoadProgress(doneBytes + resumedBytes, header.dataBytes(), doneCount, layout.chunkCount());
  }

  private boolean dropInjected(DatagramPacket packet) {
    if (control == null) {
      return true;
    }
    if (config.faults().receiveLoss() > 0 && random.nextDouble() < config.faults().receiveLoss()) {
      injectedLosses++;
      return true;
    }
    return packet.sender() == null;
  }

  private final class DataHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      burstDatagrams++;
      burstBytes += packet.content().readableBytes();
      if (phase == Phase.ENDED || dropInjected(packet)) {
        return;
      }
      InetSocketAddress from = packet.sender();
      if (from.getPort() != controlPort || (server != null && !server.equals(from.getAddress()))) {
        ignored++;
        return;
      }
      Message m;
      try {
        m = Wire.decode(packet.content());
      } catch (Wire.MalformedException e) {
        ignored++;
        return;
      }
      if (m instanceof Message.Block b) {
        try {
          block(b);
        } finally {
          b.data().release();
        }
      } else if (m instanceof Message.Info info) {
        info(info, from.getAddress());
      } else {
        ignored++;
      }
    }

    /**
     * The read burst is over. A long burst means datagrams were queueing in the socket while this
     * client waited for CPU: say so at once, before the buffer overflows and datagrams are lost.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      boolean queued = burstBytes >= QUEUED_BYTES || burstDatagrams >= QUEUED_DATAGRAMS;
      burstDatagrams = 0;
      burstBytes = 0;
      if (queued && phase == Phase.LOADING) {
        reportSlow(System.nanoTime(), true);
      }
      ctx.fireChannelReadComplete();
    }
  }

  private final class ControlHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      if (phase == Phase.ENDED || dropInjected(packet)) {
        return;
      }
      if (packet.sender().getPort() != controlPort) {
        ignored++;
        return;
      }
      Message m;
      try {
        m = Wire.decode(packet.content());
      } catch (Wire.MalformedException e) {
        ignored++;
        return;
      }
      if (m instanceof Message.Request r) {
        if (r.clientId() != clientId && header != null && r.session() == session) {
          overheard(r);
        }
      } else if (m instanceof Message.Block b) {
        b.data().release();
        ignored++;
      } else if (!(m instanceof Message.Join) && !(m instanceof Message.Leave) && !(m instanceof Message.Slow)) {
        ignored++;
      }
    }
  }

  private void info(Message.Info info, InetAddress from) {
    if (phase != Phase.JOINING) {
      return;
    }
    ImageHeader h;
    try {
      h = ImageHeader.decode(info.header(), "image served on " + groupName());
    } catch (CorruptImageException e) {
      ignored++;
      return;
    }
    int maxBlocks = (Math.max(h.chunkLimit(), h.indexLength()) + Math.max(1, info.blockSize()) - 1) / Math.max(1, info.blockSize());
    if (ImageServer.sessionOf(h.uuid()) != info.session() || info.blockSize() < 512
        || info.blockSize() > Multicast.MAX_DATAGRAM - Wire.BLOCK_HEADER || maxBlocks > 0xFFFF
        || (config.expectedImage() != null && !config.expectedImage().equals(h.uuid()))) {
      ignored++;
      return;
    }
    header = h;
    session = info.session();
    blockSize = info.blockSize();
    server = from;
    index = new Piece(h.chunkCount(), h.indexLength(), blockSize);
    index.buf = ByteBuffer.allocate(h.indexLength());
    phase = Phase.INDEX;
    tick();
  }

  private Piece piece(int number) {
    if (header == null || number < 0 || number > header.chunkCount()) {
      return null;
    }
    if (number == header.chunkCount()) {
      return index;
    }
    return chunks == null ? null : chunks[number];
  }

  private void block(Message.Block b) {
    if (header == null || b.session() != session) {
      ignored++;
      return;
    }
    Piece p = piece(b.piece());
    if (p == null) {
      if (b.piece() < 0 || b.piece() > header.chunkCount()) {
        ignored++;
      }
      return;
    }
    int len = b.data().readableBytes();
    int expected = b.block() < p.blocks ? Math.min(blockSize, p.length - b.block() * blockSize) : -1;
    if (len != expected) {
      ignored++;
      return;
    }
    if (seqKnown && b.seq() - lastSeq > 1) {
      lostDatagrams += b.seq() - lastSeq - 1;
      lossToReport = true;
    }
    if (!seqKnown || b.seq() - lastSeq > 0) {
      lastSeq = b.seq();
      seqKnown = true;
    }
    long now = System.nanoTime();
    p.lastHeard = now;
    lastBlockAt = now;
    if (lastBlockPiece != p) {
      if (lastBlockPiece != null && lastBlockPiece.state == State.FILLING) {
        lastBlockPiece.passOver = true;
      }
      lastBlockPiece = p;
    }
    if (p.state == State.DONE || p.state == State.DECODING || (p.have != null && p.have.get(b.block()))) {
      duplicateBlocks++;
      duplicateBytes += len;
      return;
    }
    if (p.state != State.FILLING) {
      if (p != index && !takeBuffer(p)) {
        lossToReport = true;
        noRoomBlocks++;
        p.missedData = true;
        return;
      }
      p.have = new BitSet(p.blocks);
      p.missing = p.blocks;
      p.passOver = false;
      p.state = State.FILLING;
      requested.remove(p);
      filling.add(p);
    }
    int at = b.block() * blockSize;
    b.data().getBytes(b.data().readerIndex(), p.buf.duplicate().position(at).limit(at + len));
    p.have.set(b.block());
    p.missing--;
    receivedBytes += len;
    if (p.missing == 0) {
      filling.remove(p);
      if (p == index) {
        indexComplete();
      } else {
        p.state = State.DECODING;
        decodeQueue.add(p);
        pumpDecoding();
        requestMore(now);
      }
    }
  }

  private boolean takeBuffer(Piece p) {
    ByteBuffer buf = freeBuffers.poll();
    if (buf == null && buffersMade < config.cacheChunks()) {
      buf = ChunkBuffers.take(header.chunkLimit());
      buffersMade++;
    }
    p.buf = buf;
    return buf != null;
  }

  private void releaseBuffer(Piece p) {
    if (p.buf != null) {
      freeBuffers.push(p.buf);
      p.buf = null;
    }
    p.have = null;
  }

  private void overheard(Message.Request r) {
    Piece p = piece(r.piece());
    if (p == null || p.state == State.DONE || p.state == State.DECODING) {
      return;
    }
    if (r.bitmap().length == 0 || p.state != State.FILLING) {
      p.lastHeard = System.nanoTime();
      return;
    }
    BitSet asked = BitSet.valueOf(r.bitmap());
    asked.andNot(p.have);
    if (!asked.isEmpty()) {
      p.lastHeard = System.nanoTime();
    }
  }

  private void indexComplete() {
    String what = "image served on " + groupName();
    try {
      layout = ImageLayout.decode(header, index.buf.array(), what);
    } catch (CorruptImageException e) {
      // A damaged or forged index is never trusted; fetch it again.
      corruptChunks++;
      index.state = State.NEEDED;
      index.have = null;
      index.lastHeard = Long.MIN_VALUE / 2;
      return;
    }
    index.state = State.DONE;
    index.buf = null;
    int n = layout.chunkCount();
    journal = new ResumeJournal(config.disk());
    BitSet resumed = config.resume() ? journal.load(header.uuid(), n) : null;
    try {
      disk = DiskWriter.open(config.disk(), header.imageSize(), resumed == null);
    } catch (IOException e) {
      fail(new LoadFailedException("cannot open disk " + config.disk() + ": " + e.getMessage(), e));
      return;
    }
    done = resumed == null ? new BitSet(n) : resumed;
    chunks = new Piece[n];
    List<Integer> todo = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      chunks[i] = new Piece(i, layout.chunk(i).length(), blockSize);
      if (done.get(i)) {
        chunks[i].state = State.DONE;
        resumedCount++;
        resumedBytes += layout.chunk(i).rawLength();
      } else {
        todo.add(i);
      }
    }
    doneCount = resumedCount;
    order = new int[todo.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = todo.get(i);
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    maxDecoding = Math.max(1, Math.min(2, LoaderThreads.cores()));
    for (int i = 0; i < maxDecoding; i++) {
      decoders.add(new ChunkDecoder(layout, what));
    }
    phase = Phase.LOADING;
    listener.progress(currentProgress());
    if (doneCount == n) {
      finish();
    } else {
      requestMore(System.nanoTime());
    }
  }

  private void tick() {
    long now = System.nanoTime();
    switch (phase) {
      case JOINING -> {
        if (now - lastJoin >= JOIN_INTERVAL_NANOS) {
          lastJoin = now;
          send(Wire.join(alloc, clientId));
        }
      }
      case INDEX -> {
        if (index.state == State.FILLING && (index.passOver || now - index.lastHeard > REDO_FILLING_NANOS)) {
          requestMissing(index, now);
        } else if (index.state != State.FILLING && now - index.lastHeard > REDO_REQUESTED_NANOS) {
          index.state = State.REQUESTED;
          index.lastHeard = now;
          sendRequest(index.number, new byte[0]);
        }
      }
      case LOADING -> {
        int backlog = decodeQueue.size() + decoding;
        reportSlow(now, lossToReport || backlog >= Math.min(BACKLOG_CHUNKS, config.cacheChunks() / 2));
        requestMore(now);
        if (journalDirty && !journalSaving && now - lastJournal > JOURNAL_INTERVAL_NANOS) {
          saveJournal(now);
        }
      }
      default -> { }
    }
  }

  /** Tells the server we lost datagrams or are falling behind, at most every SLOW_INTERVAL. */
  private void reportSlow(long now, boolean behind) {
    if (behind && now - lastSlow >= SLOW_INTERVAL_NANOS) {
      lastSlow = now;
      send(Wire.slow(alloc, session, clientId, lossToReport));
      lossToReport = false;
    }
  }

  private void requestMore(long now) {
    if (phase != Phase.LOADING) {
      return;
    }
    int inProgress = 0;
    boolean idle = now - lastBlockAt > IDLE_NANOS && now - lastIdleKick > IDLE_NANOS;
    if (idle && (!filling.isEmpty() || !requested.isEmpty())) {
      lastIdleKick = now;
      for (Piece p : filling) {
        p.passOver = true;
      }
      for (Piece p : requested) {
        p.missedData = true;
      }
    }
    for (Piece p : filling) {
      inProgress++;
      if (p.passOver || now - p.lastHeard > REDO_FILLING_NANOS) {
        requestMissing(p, now);
      }
    }
    for (var it = requested.iterator(); it.hasNext(); ) {
      Piece p = it.next();
      if (p.missedData || now - p.lastHeard > REDO_REQUESTED_NANOS) {
        p.state = State.NEEDED;
        it.remove();
      } else {
        inProgress++;
      }
    }
    int room = config.cacheChunks() - filling.size() - decoding - decodeQueue.size();
    int scanned = 0;
    while (inProgress < MAX_IN_PROGRESS && inProgress < room && scanned < order.length) {
      Piece p = chunks[order[cursor]];
      cursor = (cursor + 1) % order.length;
      scanned++;
      if (p.state != State.NEEDED) {
        continue;
      }
      p.state = State.REQUESTED;
      requested.add(p);
      inProgress++;
      if (p.missedData || now - p.lastHeard > REDO_REQUESTED_NANOS) {
        p.missedData = false;
        p.lastHeard = now;
        sendRequest(p.number, new byte[0]);
      }
    }
  }

  /** Asks for the blocks of a piece we still lack. */
  private void requestMissing(Piece p, long now) {
    BitSet missing = new BitSet(p.blocks);
    missing.set(0, p.blocks);
    missing.andNot(p.have);
    p.lastHeard = now;
    p.passOver = false;
    sendRequest(p.number, missing.toByteArray());
  }

  private void sendRequest(int piece, byte[] bitmap) {
    requestsSent++;
    send(Wire.request(alloc, session, clientId, piece, lossToReport, bitmap));
    lossToReport = false;
  }

  private void send(ByteBuf message) {
    control.writeAndFlush(new DatagramPacket(message, controlGroup), control.voidPromise());
  }

  private void pumpDecoding() {
    while (decoding < maxDecoding && !decodeQueue.isEmpty()) {
      Piece p = decodeQueue.poll();
      decoding++;
      ByteBuffer buf = p.buf;
      int n = p.number;
      DiskWriter w = disk;
      LoaderThreads.work().execute(() -> {
        ChunkDecoder d = decoders.poll();
        Throwable error = null;
        try {
          ChunkDecoder.Decoded c = d.decode(n, buf);
          w.write(c.header(), c.raw());
        } catch (CorruptImageException e) {
          error = e;
        } catch (IOException | RuntimeException e) {
          error = new LoadFailedException("cannot write chunk " + n + " to disk " + config.disk() + ": " + e.getMessage(), e);
        } finally {
          decoders.add(d);
        }
        Throwable outcome = error;
        loop.execute(() -> decoded(p, outcome));
      });
    }
  }

  private void decoded(Piece p, Throwable error) {
    decoding--;
    if (phase == Phase.ENDED) {
      ChunkBuffers.give(p.buf);
      p.buf = null;
      releaseWhenIdle();
      return;
    }
    releaseBuffer(p);
    if (error instanceof CorruptImageException) {
      // Damaged in transit or forged: never written; ask for the chunk again.
      corruptChunks++;
      p.state = State.NEEDED;
      p.lastHeard = Long.MIN_VALUE / 2;
    } else if (error != null) {
      fail(error);
      return;
    } else {
      p.state = State.DONE;
      done.set(p.number);
      doneCount++;
      doneBytes += layout.chunk(p.number).rawLength();
      journalDirty = true;
      listener.progress(currentProgress());
      int dieAt = config.faults().dieAtPercent();
      if (dieAt >= 0 && (long) doneCount * 100 >= (long) dieAt * layout.chunkCount()) {
        die(dieAt);
        return;
      }
      if (doneCount == layout.chunkCount()) {
        finish();
        return;
      }
    }
    pumpDecoding();
    requestMore(System.nanoTime());
  }

  private void saveJournal(long now) {
    journalSaving = true;
    journalDirty = false;
    lastJournal = now;
    BitSet snapshot = (BitSet) done.clone();
    DiskWriter w = disk;
    LoaderThreads.work().execute(() -> {
      Throwable error = null;
      try {
        w.force();
        journal.save(header.uuid(), layout.chunkCount(), snapshot);
      } catch (IOException e) {
        error = new LoadFailedException("cannot record progress of disk " + config.disk() + " in " + journal.file() + ": " + e.getMessage(), e);
      }
      Throwable outcome = error;
      loop.execute(() -> {
        journalSaving = false;
        if (phase == Phase.ENDED) {
          releaseWhenIdle();
        } else if (outcome != null) {
          fail(outcome);
        } else if (phase == Phase.FINISHING) {
          finish();
        }
      });
    });
  }

  private void finish() {
    phase = Phase.FINISHING;
    stopTimers();
    if (journalSaving) {
      // The flush in flight calls back here; the journal must not reappear after it is deleted.
      return;
    }
    DiskWriter w = disk;
    LoaderThreads.work().execute(() -> {
      Throwable error = null;
      try {
        w.force();
        w.close();
        journal.delete();
      } catch (IOException e) {
        error = new LoadFailedException("cannot flush disk " + config.disk() + ": " + e.getMessage(), e);
      }
      Throwable outcome = error;
      loop.execute(() -> {
        if (outcome != null) {
          fail(outcome);
          return;
        }
        send(Wire.leave(alloc, session, clientId, true));
        LoadResult r = new LoadResult(header.uuid(), doneBytes, doneCount - resumedCount, resumedCount, receivedBytes,
            duplicateBlocks, duplicateBytes, lostDatagrams, noRoomBlocks, (System.nanoTime() - startNanos) / 1e9, true, corruptChunks,
            requestsSent, ignored, injectedLosses);
        end();
        result.complete(r);
      });
    });
  }

  private void die(int percent) {
    end();
    result.completeExceptionally(new ClientDiedException("client for disk " + config.disk() + " died at " + percent
        + " % (injected fault): " + doneCount + " of " + layout.chunkCount() + " chunks on disk"));
  }

  private void fail(Throwable error) {
    if (phase == Phase.ENDED) {
      return;
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
    if (data != null) {
      data.close();
      control.close();
    }
    for (Piece p : filling) {
      releaseBuffer(p);
    }
    filling.clear();
    for (Piece p : decodeQueue) {
      releaseBuffer(p);
    }
    decodeQueue.clear();
    freeBuffers.forEach(ChunkBuffers::give);
    freeBuffers.clear();
    releaseWhenIdle();
  }

  /** Closes the disk and decoders once no chunk write or journal flush is still using them. */
  private void releaseWhenIdle() {
    if (decoding > 0 || journalSaving || disk == null) {
      return;
    }
    DiskWriter w = disk;
    disk = null;
    LoaderThreads.work().execute(() -> {
      try {
        w.close();
      } catch (IOException e) {
        System.getLogger(ImageClient.class.getName()).log(System.Logger.Level.WARNING,
            "closing disk " + config.disk() + ": " + e.getMessage());
      }
      ChunkDecoder d;
      while ((d = decoders.poll()) != null) {
        d.close();
      }
    });
  }
}
