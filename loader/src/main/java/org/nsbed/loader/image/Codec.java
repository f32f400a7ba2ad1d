package org.nsbed.loader.image;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** The compression of a chunk's payload: zstd (default) or zlib (for compatibility). */
public enum Codec {
  ZSTD(1, 3),
  ZLIB(2, 4);

  private final int id;
  private final int defaultLevel;

  Codec(int id, int defaultLevel) {
    this.id = id;
    this.defaultLevel = defaultLevel;
  }

  /** The codec's number in the image header. */
  public int id() {
    return id;
  }

  public int defaultLevel() {
    return defaultLevel;
  }

  /** The codec with header number {@code id}, or null when there is none. */
  public static Codec byId(int id) {
    for (Codec c : values()) {
      if (c.id == id) {
        return c;
      }
    }
    return null;
  }

  /** A compressor (one thread's use) that writes independent streams. */
  public ChunkCompressor compressor(int level) {
    return this == ZSTD ? new ZstdCompressor(level) : new ZlibCompressor(level);
  }

  /** A decompressor (one thread's use). */
  public ChunkDecompressor decompressor() {
    return this == ZSTD ? new ZstdDecompressor() : new ZlibDecompressor();
  }

  /**
   * Compresses one chunk's payload as a single stream, flushed after each write so the caller
   * always knows how many compressed bytes the chunk holds so far.
   */
  public interface ChunkCompressor extends AutoCloseable {
    /** Starts a new, independent stream that writes into {@code out[0, capacity)}. */
    void start(byte[] out, int capacity);

    /** The most compressed bytes one {@link #write} of {@code length} bytes can add. */
    int bound(int length);

    /** Compresses and flushes {@code in[off, off+len)}. */
    void write(byte[] in, int off, int len);

    /** Compressed bytes written so far in this stream. */
    int produced();

    /** Ends the stream; returns the total compressed length. */
    int finish();

    @Override
    void close();
  }

  /** Inflates one chunk's payload; reports damage as {@link CorruptImageException}. */
  public interface ChunkDecompressor extends AutoCloseable {
    /**
     * Decompresses bytes {@code [off, off+len)} of the direct buffer {@code in} into exactly
     * {@code rawLength} bytes at the start of the direct buffer {@code out}.
     *
     * @throws CorruptImageException if the stream is damaged or has another length
     */
    void decompress(ByteBuffer in, int off, int len, ByteBuffer out, int rawLength) throws CorruptImageException;

    @Override
    void close();
  }

  private static final class ZstdCompressor implements ChunkCompressor {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private final ZstdCompressCtx ctx = new ZstdCompressCtx();
    private final int level;
    private ByteBuffer dst;

    ZstdCompressor(int level) {
      this.level = level;
    }

    @Override
    public void start(byte[] out, int capacity) {
      ctx.reset();
      ctx.setLevel(level);
      ctx.setChecksum(false);
      dst = ByteBuffer.wrap(out, 0, capacity);
    }

    @Override
    public int bound(int length) {
      // compressBound plus room for the flush's block header and the frame header/epilogue.
      return (int) Zstd.compressBound(length) + 32;
    }

    @Override
    public void write(byte[] in, int off, int len) {
      ByteBuffer src = ByteBuffer.wrap(in, off, len);
      drain(src, EndDirective.FLUSH);
    }

    @Override
    public int produced() {
      return dst.position();
    }

    @Override
    public int finish() {
      drain(EMPTY, EndDirective.END);
      return dst.position();
    }

    private void drain(ByteBuffer src, EndDirective op) {
      while (!ctx.compressByteBufferStream(dst, src, op) || src.hasRemaining()) {
        if (!dst.hasRemaining()) {
          throw new IllegalStateException("zstd output exceeded the chunk's room");
        }
      }
    }

    @Override
    public void close() {
      ctx.close();
    }
  }

  private static final class ZlibCompressor implements ChunkCompressor {
    private final Deflater deflater;
    private byte[] out;
    private int capacity;
    private int produced;

    ZlibCompressor(int level) {
      deflater = new Deflater(level);
    }

    @Override
    public void start(byte[] out, int capacity) {
      deflater.reset();
      this.out = out;
      this.capacity = capacity;
      this.produced = 0;
    }

    @Override
    public int bound(int length) {
      // deflateBound for stored blocks, plus the sync-flush marker and the zlib wrapper.
      return length + (length >> 3) + (length >> 6) + 64;
    }

    @Override
    public void write(byte[] in, int off, int len) {
      deflater.setInput(in, off, len);
      do {
        produced += deflater.deflate(out, produced, capacity - produced, Deflater.SYNC_FLUSH);
        if (produced == capacity && !deflater.needsInput()) {
          throw new IllegalStateException("zlib output exceeded the chunk's room");
        }
      } while (!deflater.needsInput() || produced == capacity);
    }

    @Override
    public int produced() {
      return produced;
    }

    @Override
    public int finish() {
      deflater.finish();
      while (!deflater.finished()) {
        if (produced == capacity) {
          throw new IllegalStateException("zlib output exceeded the chunk's room");
        }
        produced += deflater.deflate(out, produced, capacity - produced);
      }
      return produced;
    }

    @Override
    public void close() {
      deflater.end();
    }
  }

  private static final class ZstdDecompressor implements ChunkDecompressor {
    private final ZstdDecompressCtx ctx = new ZstdDecompressCtx();

    @Override
    public void decompress(ByteBuffer in, int off, int len, ByteBuffer out, int rawLength) throws CorruptImageException {
      int n;
      try {
        n = ctx.decompressDirectByteBuffer(out, 0, rawLength, in, off, len);
      } catch (ZstdException e) {
        throw new CorruptImageException("zstd stream is damaged: " + e.getMessage(), e);
      }
      if (n != rawLength) {
        throw new CorruptImageException("zstd stream holds " + n + " bytes, the chunk header says " + rawLength);
      }
    }

    @Override
    public void close() {
      ctx.close();
    }
  }

  private static final class ZlibDecompressor implements ChunkDecompressor {
    private final Inflater inflater = new Inflater();
    private final byte[] probe = new byte[1];

    @Override
    public void decompress(ByteBuffer in, int off, int len, ByteBuffer out, int rawLength) throws CorruptImageException {
      inflater.reset();
      inflater.setInput(in.duplicate().limit(off + len).position(off));
      ByteBuffer dst = out.duplicate().clear().limit(rawLength);
      int n = 0;
      try {
        while (!inflater.finished()) {
          // Past the announced length, a one-byte probe tells a longer stream from a finished one.
          int got = n < rawLength ? inflater.inflate(dst) : inflater.inflate(probe, 0, 1);
          if (n >= rawLength && got > 0) {
            throw new CorruptImageException("zlib stream holds more than the " + rawLength + " bytes its chunk header says");
          }
          if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
            break;
          }
          n += got;
        }
      } catch (DataFormatException e) {
        throw new CorruptImageException("zlib stream is damaged: " + e.getMessage(), e);
      }
      if (n != rawLength || !inflater.finished()) {
        throw new CorruptImageException("zlib stream ends after " + n + " of the " + rawLength + " bytes its chunk header says");
      }
    }

    @Override
    public void close() {
      inflater.end();
    }
  }
}
