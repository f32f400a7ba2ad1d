package org.nsbed.loader.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes an {@code .ndz} image back onto a disk (a regular file or a block device). Every chunk's
 * SHA-256 is checked before any of its bytes are written; chunks are decompressed in parallel and
 * written at their absolute offsets. If the image turns out to be damaged, an output file that this
 * call created is removed, and the error names the image and the chunk.
 */
public final class Imageunzip {
  private Imageunzip() {}

  /** Unpacks with one decompression thread per core. */
  public static ImageInfo unpack(Path image, Path output) throws IOException {
    return unpack(image, output, Runtime.getRuntime().availableProcessors());
  }

  /** Unpacks with {@code threads} decompression threads. */
  public static ImageInfo unpack(Path image, Path output, int threads) throws IOException {
    try (ImageFile file = ImageFile.open(image)) {
      boolean created = !Files.exists(output);
      try (DiskWriter disk = DiskWriter.open(output, file.header().imageSize(), true)) {
        writeAll(file, disk, threads);
        disk.force();
      } catch (IOException | RuntimeException e) {
        if (created) {
          Files.deleteIfExists(output);
        }
        throw e;
      }
      return ImageInfo.of(image, file.header());
    }
  }

  private static void writeAll(ImageFile file, DiskWriter disk, int threads) throws IOException {
    ImageLayout layout = file.layout();
    String what = "image " + file.path();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "imageunzip");
      t.setDaemon(true);
      return t;
    });
    BlockingQueue<ChunkDecoder> decoders = new ArrayBlockingQueue<>(threads);
    for (int i = 0; i < threads; i++) {
      decoders.add(new ChunkDecoder(layout, what));
    }
    ArrayDeque<Future<Void>> inFlight = new ArrayDeque<>();
    try {
      for (int n = 0; n < layout.chunkCount(); n++) {
        ByteBuffer chunk = ChunkBuffers.take(layout.header().chunkLimit());
        file.readChunk(n, chunk);
        int number = n;
        inFlight.add(pool.submit(() -> {
          ChunkDecoder d = decoders.take();
          try {
            ChunkDecoder.Decoded c = d.decode(number, chunk);
            disk.write(c.header(), c.raw());
          } finally {
            decoders.add(d);
            ChunkBuffers.give(chunk);
          }
          return null;
        }));
        if (inFlight.size() >= threads * 2) {
          await(inFlight.poll());
        }
      }
      while (!inFlight.isEmpty()) {
        await(inFlight.poll());
      }
    } finally {
      pool.shutdownNow();
      Imagezip.awaitQuiet(pool);
      decoders.forEach(ChunkDecoder::close);
    }
  }

  private static void await(Future<Void> f) throws IOException {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("unpack interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("unpack failed: " + e.getCause(), e.getCause());
    }
  }
}
