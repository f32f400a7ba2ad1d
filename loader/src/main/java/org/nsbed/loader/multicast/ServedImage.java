package org.nsbed.loader.multicast;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.nsbed.loader.image.CorruptImageException;
import org.nsbed.loader.image.ImageFile;
import org.nsbed.loader.image.ImageHeader;
import org.nsbed.loader.image.ImageLayout;

/**
 * The image as a server sends it: pieces (each chunk, and the chunk index numbered after the last
 * chunk) cut into blocks of one datagram each.
 */
final class ServedImage implements AutoCloseable {
  final ImageFile file;
  final ImageLayout layout;
  final int blockSize;
  final long session;

  ServedImage(ImageFile file, int blockSize) throws IOException {
    this.file = file;
    this.layout = file.layout();
    this.blockSize = blockSize;
    this.session = ImageServer.sessionOf(layout.header().uuid());
  }

  /**
   * The image header an INFO announces, if a client can load it: the header checks out exactly
   * like a file's, belongs to the INFO's session, the block size fits a datagram and numbers every
   * block of a piece, and it is the image the client expects ({@code expected}, or any if null).
   * Null otherwise.
   */
  static ImageHeader acceptable(Message.Info info, UUID expected, String what) {
    ImageHeader h;
    try {
      h = ImageHeader.decode(info.header(), what);
    } catch (CorruptImageException e) {
      return null;
    }
    int bs = info.blockSize();
    if (ImageServer.sessionOf(h.uuid()) != info.session() || bs < 512 || bs > Multicast.MAX_DATAGRAM - Wire.BLOCK_HEADER
        || (Math.max(h.chunkLimit(), h.indexLength()) + bs - 1) / bs > 0xFFFF || (expected != null && !expected.equals(h.uuid()))) {
      return null;
    }
    return h;
  }

  /** Chunks and the index. */
  int pieces() {
    return layout.chunkCount() + 1;
  }

  boolean isIndex(int piece) {
    return piece == layout.chunkCount();
  }

  int length(int piece) {
    return isIndex(piece) ? layout.header().indexLength() : layout.chunk(piece).length();
  }

  int blocks(int piece) {
    return (length(piece) + blockSize - 1) / blockSize;
  }

  /** The largest piece, in bytes. */
  int maxLength() {
    return Math.max(layout.header().chunkLimit(), layout.header().indexLength());
  }

  /** Reads the whole of {@code piece} into {@code into} (cleared first). */
  void read(int piece, ByteBuffer into) throws IOException {
    into.clear().limit(length(piece));
    file.read(into, isIndex(piece) ? layout.header().indexOffset() : layout.chunk(piece).fileOffset());
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
