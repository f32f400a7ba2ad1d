package org.nsbed.loader.multicast;

import io.netty.buffer.ByteBuf;

/**
 * The loader's datagrams, decoded. Control messages (JOIN, REQUEST, SLOW, ACK, LEAVE) go to the group's
 * control port, where the server and every client hear them; data messages (INFO, BLOCK) go from
 * the server to the data port. See {@link Wire} for the layout.
 */
sealed interface Message {
  /** The image session the datagram belongs to (0 in a JOIN, which asks which image this is). */
  long session();

  /** A client asks what image is served here. */
  record Join(long session, int clientId) implements Message {}

  /** The server tells the image's header (the image file's first 128 bytes) and its block size. */
  record Info(long session, int blockSize, byte[] header) implements Message {}

  /**
   * A client asks for blocks of a piece: a chunk, or the chunk index (piece number = chunk count).
   * An empty bitmap asks for the whole piece; {@code retry} says the client lost datagrams since
   * its last request (the server's signal to slow down).
   */
  record Request(long session, int clientId, int piece, boolean retry, byte[] bitmap) implements Message {}

  /**
   * One block of a piece; {@code seq} numbers the server's blocks so receivers can tell loss.
   * {@code data} is a retained slice the receiver must release.
   */
  record Block(long session, int seq, int piece, int block, ByteBuf data) implements Message {}

  /**
   * A client lost datagrams ({@code lost}) or has most of its chunk cache waiting to be written:
   * the server's signal to back off (hard on loss, gently on backlog).
   */
  record Slow(long session, int clientId, boolean lost) implements Message {}

  /**
   * A client has read the server's blocks up to {@code seq} and can take {@code window} more
   * before its socket's buffer could overflow: the server sends no further until it says so again
   * (flow control, see {@link ReceiverWindows}). A client short of CPU or behind with its writing
   * acknowledges nothing new, and the server waits for it instead of flooding it.
   */
  record Ack(long session, int clientId, int seq, int window) implements Message {}

  /** A client is done (or gives up); used for the server's statistics and idle exit. */
  record Leave(long session, int clientId, boolean complete) implements Message {}
}
