package org.nsbed.loader.multicast;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.nsbed.loader.image.ChunkDecoder;
import org.nsbed.loader.image.CorruptImageException;
import org.nsbed.loader.image.DiskWriter;
import org.nsbed.loader.image.ImageLayout;

/**
 * A client's write pipeline: complete chunks are checked (SHA-256 against the index),
 * decompressed and written at their absolute disk offsets on the work pool, a few at a time and in
 * any order; the disk is flushed and the chunks known to be on it are recorded in the
 * {@link ResumeJournal} every {@link #JOURNAL_INTERVAL_NANOS}, so a client that dies resumes
 * where the disk is known good.
 *
 * <p>Threads: every method is called on the client's event loop, and every outcome comes back to
 * it ({@code loop}); only the chunk bytes, the decoders and the disk are touched on the work pool.
 */
final class ChunkWriter {
  static final long JOURNAL_INTERVAL_NANOS = 250_000_000L;

  /** Outcomes of written chunks, delivered on the event loop. */
  interface Outcomes {
    void written(Piece p);

    /** The chunk failed its checks: it was not written and must be fetched again. */
    void corrupt(Piece p);

    /** The disk or the journal could not be written: the load cannot go on. */
    void failed(Throwable error);
  }

  private final Path diskPath;
  private final DiskWriter disk;
  private final ResumeJournal journal;
  private final UUID image;
  private final ImageLayout layout;
  private final Executor loop;
  private final Executor work;
  private final ChunkCache cache;
  private final Outcomes outcomes;
  private final int maxDecoding;
  private final ConcurrentLinkedQueue<ChunkDecoder> decoders = new ConcurrentLinkedQueue<>();
  private final ArrayDeque<Piece> queue = new ArrayDeque<>();
  private final BitSet done;
  private int decoding;
  private boolean journalDirty;
  private boolean journalSaving;
  private long lastJournal;
  /** A finish waiting for the journal flush in flight. */
  private Consumer<Throwable> finishing;
  private boolean ended;
  private boolean released;
  private final Runnable onReleased;

  private ChunkWriter(Path diskPath, DiskWriter disk, ResumeJournal journal, UUID image, ImageLayout layout, BitSet done, String what,
      Executor loop, Executor work, int maxDecoding, ChunkCache cache, Outcomes outcomes, Runnable onReleased) {
    this.diskPath = diskPath;
    this.disk = disk;
    this.journal = journal;
    this.image = image;
    this.layout = layout;
    this.done = done;
    this.loop = loop;
    this.work = work;
    this.maxDecoding = maxDecoding;
    this.cache = cache;
    this.outcomes = outcomes;
    this.onReleased = onReleased;
    for (int i = 0; i < maxDecoding; i++) {
      decoders.add(new ChunkDecoder(layout, what));
    }
  }

  /**
   * Opens the disk for {@code layout}'s image: resumed from the journal when {@code resume} and the
   * journal records chunks of this image on it (they are set in {@code done}), else started afresh.
   */
  static ChunkWriter open(Path diskPath, boolean resume, ImageLayout layout, BitSet done, String what, Executor loop,
      Executor work, int maxDecoding, ChunkCache cache, Outcomes outcomes, Runnable onReleased) throws IOException {
    UUID image = layout.header().uuid();
    ResumeJournal journal = new ResumeJournal(diskPath);
    BitSet resumed = resume ? journal.load(image, layout.chunkCount()) : null;
    DiskWriter disk = DiskWriter.open(diskPath, layout.header().imageSize(), resumed == null);
    if (resumed != null) {
      done.or(resumed);
    }
    return new ChunkWriter(diskPath, disk, journal, image, layout, done, what, loop, work, maxDecoding, cache, outcomes, onReleased);
  }

  /** Chunks waiting to be written or being written. */
  int backlog() {
    return queue.size() + decoding;
  }

  /** Queues a complete chunk (its buffer is given back to the cache once it is written). */
  void submit(Piece p) {
    p.state = Piece.State.DECODING;
    queue.add(p);
    pump();
  }

  private void pump() {
    while (decoding < maxDecoding && !queue.isEmpty()) {
      Piece p = queue.poll();
      decoding++;
      ByteBuffer buf = p.buf;
      int n = p.number;
      work.execute(() -> {
        ChunkDecoder d = decoders.poll();
        Throwable error = null;
        try {
          ChunkDecoder.Decoded c = d.decode(n, buf);
          disk.write(c.header(), c.raw());
        } catch (CorruptImageException e) {
          error = e;
        } catch (IOException | RuntimeException e) {
          error = new LoadFailedException("cannot write chunk " + n + " to disk " + diskPath + ": " + e.getMessage(), e);
        } finally {
          decoders.add(d);
        }
        Throwable outcome = error;
        loop.execute(() -> written(p, outcome));
      });
    }
  }

  private void written(Piece p, Throwable error) {
    decoding--;
    cache.give(p.buf);
    p.buf = null;
    p.assembled();
    if (ended) {
      releaseWhenIdle();
      return;
    }
    if (error instanceof CorruptImageException) {
      outcomes.corrupt(p);
    } else if (error != null) {
      outcomes.failed(error);
      return;
    } else {
      p.state = Piece.State.DONE;
      done.set(p.number);
      journalDirty = true;
      outcomes.written(p);
    }
    if (!ended) {
      pump();
    }
  }

  /** Flushes the disk and records progress if chunks were written since the last time and it is due. */
  void checkpoint(long now) {
    if (!journalDirty || journalSaving || now - lastJournal <= JOURNAL_INTERVAL_NANOS) {
      return;
    }
    journalSaving = true;
    journalDirty = false;
    lastJournal = now;
    BitSet snapshot = (BitSet) done.clone();
    work.execute(() -> {
      Throwable error = null;
      try {
        disk.force();
        journal.save(image, layout.chunkCount(), snapshot);
      } catch (IOException e) {
        error = new LoadFailedException("cannot record progress of disk " + diskPath + " in " + journal.file() + ": " + e.getMessage(), e);
      }
      Throwable outcome = error;
      loop.execute(() -> saved(outcome));
    });
  }

  private void saved(Throwable error) {
    journalSaving = false;
    if (ended) {
      releaseWhenIdle();
    } else if (error != null) {
      outcomes.failed(error);
    } else if (finishing != null) {
      finish(finishing);
    }
  }

  /**
   * Every chunk is written: flushes the disk, closes it and deletes the journal, then hands
   * {@code then} the error, or null, on the event loop.
   */
  void finish(Consumer<Throwable> then) {
    if (journalSaving) {
      // The flush in flight calls back here; the journal must not reappear after it is deleted.
      finishing = then;
      return;
    }
    finishing = null;
    work.execute(() -> {
      Throwable error = null;
      try {
        disk.force();
        disk.close();
        journal.delete();
      } catch (IOException e) {
        error = new LoadFailedException("cannot flush disk " + diskPath + ": " + e.getMessage(), e);
      }
      Throwable outcome = error;
      loop.execute(() -> then.accept(outcome));
    });
  }

  /** The load ended (finished or not): lets go of everything once no write or flush is using it. */
  void end() {
    ended = true;
    for (Piece p : queue) {
      cache.give(p.buf);
      p.buf = null;
    }
    queue.clear();
    releaseWhenIdle();
  }

  private void releaseWhenIdle() {
    if (decoding > 0 || journalSaving || released) {
      return;
    }
    released = true;
    work.execute(() -> {
      try {
        disk.close();
      } catch (IOException e) {
        System.getLogger(ChunkWriter.class.getName()).log(System.Logger.Level.WARNING,
            "closing disk " + diskPath + ": " + e.getMessage());
      }
      ChunkDecoder d;
      while ((d = decoders.poll()) != null) {
        d.close();
      }
      onReleased.run();
    });
  }
}
