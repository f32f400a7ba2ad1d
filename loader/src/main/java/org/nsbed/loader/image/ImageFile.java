package org.nsbed.loader.image;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An opened {@code .ndz} file whose header and index have been checked. Chunk reads are
 * positional and thread-safe; a chunk's own hash is checked by whoever decodes it.
 */
public final class ImageFile implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  private final ImageLayout layout;

  private ImageFile(Path path, FileChannel channel, ImageLayout layout) {
    this.path = path;
    this.channel = channel;
    this.layout = layout;
  }

  /**
   * Opens an image and checks its header, length and index.
   *
   * @throws CorruptImageException naming the image if it is not a complete nsbed image
   */
  public static ImageFile open(Path path) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(path, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(path.toString(), null, "no such image file");
    }
    try {
      String what = "image " + path;
      long size = ch.size();
      byte[] head = new byte[(int) Math.min(size, ImageHeader.BYTES)];
      readFully(ch, ByteBuffer.wrap(head), 0, what);
      ImageHeader header = ImageHeader.decode(head, what);
      if (size < header.fileLength()) {
        throw new CorruptImageException(what + ": truncated: the file is " + size + " bytes, its header says " + header.fileLength());
      }
      if (size > header.fileLength()) {
        throw new CorruptImageException(what + ": " + (size - header.fileLength()) + " unexpected bytes after the chunk index");
      }
      byte[] index = new byte[header.indexLength()];
      readFully(ch, ByteBuffer.wrap(index), header.indexOffset(), what);
      return new ImageFile(path, ch, ImageLayout.decode(header, index, what));
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  public Path path() {
    return path;
  }

  public ImageLayout layout() {
    return layout;
  }

  public ImageHeader header() {
    return layout.header();
  }

  /** Reads chunk {@code n}'s bytes into {@code buf} from position 0 (its capacity must suffice). */
  public void readChunk(int n, ByteBuffer buf) throws IOException {
    ChunkEntry e = layout.chunk(n);
    readFully(channel, buf.duplicate().clear().limit(e.length()), e.fileOffset(), "image " + path);
  }

  /** Reads {@code length} bytes at file offset {@code position} into {@code dst}. */
  public void read(ByteBuffer dst, long position) throws IOException {
    readFully(channel, dst, position, "image " + path);
  }

  private static void readFully(FileChannel ch, ByteBuffer dst, long position, String what) throws IOException {
    long at = position;
    while (dst.hasRemaining()) {
      int n = ch.read(dst, at);
      if (n < 0) {
        throw new EOFException(what + ": truncated at byte " + at);
      }
      at += n;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
