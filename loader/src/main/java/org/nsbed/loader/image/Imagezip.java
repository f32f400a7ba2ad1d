package org.nsbed.loader.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Captures a disk or partition (a regular file or a block device) into an {@code .ndz} image.
 *
 * <p>The input is read in 8 MiB segments that are compressed in parallel; each segment becomes
 * one or more chunks, so no chunk depends on another. Within a segment, 4 KiB blocks that are all
 * zero (or free in a recognised ext2/3/4 filesystem, if asked) are left out and the rest form the
 * chunk's regions. Each chunk is compressed as one stream, flushed every 128 KiB so the chunk can
 * be closed before it outgrows its limit. The image is written under a temporary name and moved
 * into place only when complete.
 */
public final class Imagezip {
  static final int SEGMENT = 8 << 20;
  static final int BLOCK = 4096;
  private static final int PIECE = 128 << 10;
  private static final int MIN_PIECE = 4096;
  private static final byte[] ZERO_BLOCK = new byte[BLOCK];

  private Imagezip() {}

  /**
   * Captures {@code input} into {@code output}.
   *
   * @return the new image's description
   * @throws FileAlreadyExistsException if output exists and {@code options.overwrite()} is false
   */
  public static ImageInfo capture(Path input, Path output, CaptureOptions options) throws IOException {
    if (!Files.exists(input)) {
      throw new NoSuchFileException(input.toString(), null, "no such input disk or file");
    }
    if (Files.isDirectory(input)) {
      throw new IOException(input + ": is a directory, not a disk or file");
    }
    if (Files.exists(output) && !options.overwrite()) {
      throw new FileAlreadyExistsException(output.toString(), null, "image exists (overwrite it with -f)");
    }
    Path parent = output.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, "." + output.getFileName(), ".part");
    try {
      ImageInfo info;
      try (FileChannel in = FileChannel.open(input, StandardOpenOption.READ);
           FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        FreeSpaceMap free = options.skipFreeSpace() ? ExtFreeSpace.scan(in, input) : FreeSpaceMap.NONE;
        info = new Capture(in, out, options, free).run(output);
      }
      Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return info;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A chunk compressed by a worker, not yet numbered or placed. */
  private record Pending(List<Region> regions, int rawLength, byte[] payload) {}

  private static final class Capture {
    private final FileChannel in;
    private final FileChannel out;
    private final CaptureOptions options;
    private final FreeSpaceMap free;
    private final UUID uuid = UUID.randomUUID();
    private final List<ChunkEntry> entries = new ArrayList<>();
    private final MessageDigest sha = ImageHeader.newSha256();
    private long fileAt = ImageHeader.BYTES;
    private long spanAt;
    private long dataBytes;
    private Pending held;

    Capture(FileChannel in, FileChannel out, CaptureOptions options, FreeSpaceMap free) {
      this.in = in;
      this.out = out;
      this.options = options;
      this.free = free;
    }

    ImageInfo run(Path output) throws IOException {
      ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
        Thread t = new Thread(r, "imagezip");
        t.setDaemon(true);
        return t;
      });
      BlockingQueue<Codec.ChunkCompressor> compressors = new ArrayBlockingQueue<>(options.threads());
      for (int i = 0; i < options.threads(); i++) {
        compressors.add(options.codec().compressor(options.level()));
      }
      ArrayDeque<Future<List<Pending>>> inFlight = new ArrayDeque<>();
      long size = 0;
      try {
        while (true) {
          byte[] seg = new byte[SEGMENT];
          int n = readSegment(seg);
          if (n == 0) {
            break;
          }
          long base = size;
          size += n;
          inFlight.add(pool.submit(() -> {
            Codec.ChunkCompressor c = compressors.take();
            try {
              return compressSegment(c, seg, n, base);
            } finally {
              compressors.add(c);
            }
          }));
          if (inFlight.size() >= options.threads() * 2) {
            place(await(inFlight.poll()));
          }
          if (n < SEGMENT) {
            break;
          }
        }
        while (!inFlight.isEmpty()) {
          place(await(inFlight.poll()));
        }
      } finally {
        pool.shutdownNow();
        awaitQuiet(pool);
        compressors.forEach(Codec.ChunkCompressor::close);
      }
      if (held == null && entries.isEmpty()) {
        held = new Pending(List.of(), 0, new byte[0]);
      }
      emit(held, size);
      byte[] index = ImageLayout.encodeIndex(entries);
      ImageHeader header = new ImageHeader(ImageHeader.VERSION, options.codec(),
          options.skipFreeSpace() && !free.isEmpty() ? ImageHeader.FLAG_FREE_SPACE_SKIPPED : 0,
          options.chunkLimit(), uuid, size, dataBytes, fileAt, entries.size(), index.length,
          ImageHeader.sha256(index, 0, index.length));
      writeFully(ByteBuffer.wrap(index), fileAt);
      writeFully(ByteBuffer.wrap(header.encode()), 0);
      out.force(true);
      return ImageInfo.of(output, header);
    }

    private int readSegment(byte[] seg) throws IOException {
      ByteBuffer b = ByteBuffer.wrap(seg);
      while (b.hasRemaining()) {
        if (in.read(b) < 0) {
          break;
        }
      }
      return b.position();
    }

    private static List<Pending> await(Future<List<Pending>> f) throws IOException {
      try {
        return f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("capture interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        throw new IllegalStateException("compression failed: " + e.getCause(), e.getCause());
      }
    }

    /** Places chunks in order; each is written once the next one fixes where its span ends. */
    private void place(List<Pending> chunks) throws IOException {
      for (Pending p : chunks) {
        if (held != null) {
          emit(held, held.regions().get(held.regions().size() - 1).end());
        }
        held = p;
      }
    }

    private void emit(Pending p, long spanEnd) throws IOException {
      int number = entries.size();
      ChunkHeader h = new ChunkHeader(number, uuid, spanAt, spanEnd, p.rawLength(), p.regions(), p.payload().length);
      byte[] head = h.encode();
      sha.update(head);
      sha.update(p.payload());
      int length = head.length + p.payload().length;
      entries.add(new ChunkEntry(fileAt, length, p.rawLength(), spanAt, spanEnd, sha.digest()));
      writeFully(ByteBuffer.wrap(head), fileAt);
      writeFully(ByteBuffer.wrap(p.payload()), fileAt + head.length);
      fileAt += length;
      spanAt = spanEnd;
      dataBytes += p.rawLength();
    }

    private void writeFully(ByteBuffer b, long position) throws IOException {
      long at = position;
      while (b.hasRemaining()) {
        at += out.write(b, at);
      }
    }

    /** Splits one segment into compressed chunks of at most the chunk limit. */
    private List<Pending> compressSegment(Codec.ChunkCompressor c, byte[] seg, int len, long base) {
      List<Pending> result = new ArrayList<>();
      int limit = options.chunkLimit();
      byte[] payload = new byte[limit];
      List<Region> regions = new ArrayList<>();
      long regionStart = -1;
      int regionLen = 0;
      int raw = 0;
      c.start(payload, limit);
      int pos = 0;
      while (pos < len) {
        int blockEnd = Math.min(pos + BLOCK, len);
        if (isEmpty(seg, pos, blockEnd, base)) {
          pos = blockEnd;
          continue;
        }
        int runEnd = blockEnd;
        while (runEnd < len && !isEmpty(seg, runEnd, Math.min(runEnd + BLOCK, len), base)) {
          runEnd = Math.min(runEnd + BLOCK, len);
        }
        while (pos < runEnd) {
          boolean continues = regionStart >= 0 && regionStart + regionLen == base + pos;
          int tableAfter = regions.size() + (regionStart >= 0 ? 1 : 0) + (continues ? 0 : 1);
          int room = limit - ChunkHeader.FIXED_BYTES - ChunkHeader.REGION_BYTES * tableAfter - c.produced() - 64;
          int piece = Math.min(runEnd - pos, PIECE);
          while (piece > 0 && c.bound(piece) > room) {
            piece -= Math.max(512, c.bound(piece) - room);
          }
          boolean tableFull = tableAfter > ChunkHeader.MAX_REGIONS;
          if (tableFull || piece <= 0 || (piece < MIN_PIECE && piece < runEnd - pos)) {
            if (raw == 0) {
              throw new IllegalStateException("chunk limit " + limit + " leaves no room for data");
            }
            if (regionStart >= 0) {
              regions.add(new Region(regionStart, regionLen));
            }
            result.add(close(c, payload, regions, raw));
            regions = new ArrayList<>();
            regionStart = -1;
            regionLen = 0;
            raw = 0;
            c.start(payload, limit);
            continue;
          }
          c.write(seg, pos, piece);
          if (continues) {
            regionLen += piece;
          } else {
            if (regionStart >= 0) {
              regions.add(new Region(regionStart, regionLen));
            }
            regionStart = base + pos;
            regionLen = piece;
          }
          raw += piece;
          pos += piece;
        }
      }
      if (regionStart >= 0) {
        regions.add(new Region(regionStart, regionLen));
      }
      if (raw > 0) {
        result.add(close(c, payload, regions, raw));
      }
      return result;
    }

    private static Pending close(Codec.ChunkCompressor c, byte[] payload, List<Region> regions, int raw) {
      int n = c.finish();
      return new Pending(List.copyOf(regions), raw, java.util.Arrays.copyOf(payload, n));
    }

    private boolean isEmpty(byte[] seg, int from, int to, long base) {
      return java.util.Arrays.mismatch(seg, from, to, ZERO_BLOCK, 0, to - from) < 0
          || free.covers(base + from, base + to);
    }
  }

  /** Waits for running tasks before their codecs are closed under them. */
  static void awaitQuiet(ExecutorService pool) {
    try {
      pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
