package org.nsbed.loader.multicast;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Datagrams a server or client dropped without using them, counted by reason. Safe from any
 * thread (the counts are read for statistics while the event loop adds to them).
 */
final class Drops {
  /** Why a datagram was dropped. */
  enum Reason {
    /** Arrived before both of the client's sockets were open: it had not joined yet. */
    BEFORE_READY("arrived before the client was ready"),
    /** A block of a chunk that arrived before the client had the chunk index (it cannot place it yet). */
    BEFORE_INDEX("arrived before the chunk index"),
    /** Not sent from the group's control port, so not from a loader peer. */
    FOREIGN_PORT("not from the control port"),
    /** Not a well-formed loader datagram. */
    MALFORMED("malformed"),
    /** A well-formed datagram of another image session, or of a server this client did not join. */
    OTHER_SESSION("of another session or server"),
    /** A piece or block number outside the image, or a block of the wrong length. */
    OUT_OF_RANGE("out of range"),
    /** A well-formed datagram of a type that does not belong on this port. */
    UNEXPECTED("unexpected on this port"),
    /** Dropped by an injected receive loss ({@link ClientFaults#receiveLoss()}). */
    INJECTED_LOSS("by injected loss");

    final String description;

    Reason(String description) {
      this.description = description;
    }
  }

  private final AtomicLongArray counts = new AtomicLongArray(Reason.values().length);

  void count(Reason r) {
    counts.incrementAndGet(r.ordinal());
  }

  long get(Reason r) {
    return counts.get(r.ordinal());
  }

  /** Datagrams dropped because they were not trustworthy loader datagrams for us. */
  long ignored() {
    return get(Reason.FOREIGN_PORT) + get(Reason.MALFORMED) + get(Reason.OTHER_SESSION) + get(Reason.OUT_OF_RANGE)
        + get(Reason.UNEXPECTED);
  }

  /** The non-zero counts, by reason. */
  Map<Reason, Long> nonZero() {
    Map<Reason, Long> m = new EnumMap<>(Reason.class);
    for (Reason r : Reason.values()) {
      if (get(r) > 0) {
        m.put(r, get(r));
      }
    }
    return m;
  }

  /** For a log line: "3 arrived before the client was ready, 1 malformed", or "none". */
  String describe() {
    StringBuilder b = new StringBuilder();
    nonZero().forEach((r, n) -> b.append(b.length() == 0 ? "" : ", ").append(n).append(' ').append(r.description));
    return b.length() == 0 ? "none" : b.toString();
  }
}
