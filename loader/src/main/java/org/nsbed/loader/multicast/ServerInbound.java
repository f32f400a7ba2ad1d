package org.nsbed.loader.multicast;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.concurrent.Ticker;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last handler of a server's pipeline: turns the clients' messages into work and pace.
 * REQUESTs go into the merged {@link WorkQueue}; SLOW reports and requests flagged as retries
 * are {@link RateControl}'s signals; ACKs open the clients' {@link ReceiverWindows}; a JOIN asks
 * the sender for an INFO. It also passes the
 * socket's writability changes on to the {@link BlockSender}, which waits for them.
 */
final class ServerInbound extends SimpleChannelInboundHandler<Datagram> {
  /**
   * A whole-piece request this soon after the piece was sent whole is taken to have crossed the
   * blocks on their way (the asker had not read them yet) and is dropped; see {@link WorkQueue}.
   */
  static final long RECENT_WHOLE_NANOS = 250_000_000L;

  private final ServedImage image;
  private final WorkQueue queue;
  private final RateControl rate;
  private final ReceiverWindows windows;
  private final Ticker ticker;
  private final Drops drops;
  private final Runnable writabilityChanged;
  final AtomicLong requests = new AtomicLong();
  final AtomicLong merged = new AtomicLong();
  final AtomicLong lossSignals = new AtomicLong();
  final AtomicLong joins = new AtomicLong();
  /** When a client last asked for anything or said goodbye (ticker nanoseconds). */
  private volatile long lastHeard;
  private volatile boolean infoWanted;

  ServerInbound(ServedImage image, WorkQueue queue, RateControl rate, ReceiverWindows windows, Ticker ticker, Drops drops,
      Runnable writabilityChanged) {
    this.image = image;
    this.queue = queue;
    this.rate = rate;
    this.windows = windows;
    this.ticker = ticker;
    this.drops = drops;
    this.writabilityChanged = writabilityChanged;
    this.lastHeard = ticker.nanoTime();
  }

  long lastHeard() {
    return lastHeard;
  }

  /** Whether a client asked what is served here since the last call (which then answers it). */
  boolean takeInfoWanted() {
    boolean w = infoWanted;
    infoWanted = false;
    return w;
  }

  boolean infoWanted() {
    return infoWanted;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, Datagram d) {
    Message m = d.message();
    if (m instanceof Message.Join j) {
      windows.joined(j.clientId());
      joins.incrementAndGet();
      lastHeard = ticker.nanoTime();
      infoWanted = true;
      queue.poke();
    } else if (m instanceof Message.Request r && r.session() == image.session) {
      request(r);
    } else if (m instanceof Message.Slow slow && slow.session() == image.session) {
      if (slow.lost()) {
        lossSignals.incrementAndGet();
        rate.lossSignal();
      } else {
        rate.pressureSignal();
      }
    } else if (m instanceof Message.Ack ack && ack.session() == image.session) {
      windows.ack(ack.clientId(), ack.seq(), ack.window());
    } else if (m instanceof Message.Leave l && l.session() == image.session) {
      windows.leave(l.clientId());
      lastHeard = ticker.nanoTime();
    } else {
      d.release();
      drops.count(m.session() != image.session ? Drops.Reason.OTHER_SESSION : Drops.Reason.UNEXPECTED);
    }
  }

  private void request(Message.Request r) {
    if (r.piece() < 0 || r.piece() >= image.pieces()) {
      drops.count(Drops.Reason.OUT_OF_RANGE);
      return;
    }
    int blocks = image.blocks(r.piece());
    BitSet want;
    if (r.bitmap().length == 0) {
      want = new BitSet(blocks);
      want.set(0, blocks);
    } else {
      want = BitSet.valueOf(r.bitmap());
      if (want.length() > blocks || want.isEmpty()) {
        drops.count(Drops.Reason.OUT_OF_RANGE);
        return;
      }
    }
    requests.incrementAndGet();
    long now = ticker.nanoTime();
    lastHeard = now;
    boolean index = image.isIndex(r.piece());
    boolean added;
    if (index) {
      added = queue.add(r.piece(), want, true);
    } else if (r.bitmap().length != 0) {
      added = queue.addMissing(r.piece(), want, now);
    } else {
      added = queue.addWhole(r.piece(), want, now, RECENT_WHOLE_NANOS);
    }
    if (!added) {
      merged.incrementAndGet();
    }
    if (r.retry()) {
      lossSignals.incrementAndGet();
      rate.lossSignal();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    writabilityChanged.run();
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    writabilityChanged.run();
    ctx.fireChannelInactive();
  }
}
