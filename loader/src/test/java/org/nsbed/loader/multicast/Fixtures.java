package org.nsbed.loader.multicast;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.nsbed.loader.image.CaptureOptions;
import org.nsbed.loader.image.ImageInfo;
import org.nsbed.loader.image.Imagezip;

/** Shared test fixtures: a distinct group per test and small realistic images. */
final class Fixtures {
  private Fixtures() {}

  /** A random 239.x.y.z group and even port, so tests and other processes do not collide. */
  static InetSocketAddress group() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    try {
      InetAddress a = InetAddress.getByAddress(new byte[] {(byte) 239, (byte) (1 + r.nextInt(254)), (byte) r.nextInt(256), (byte) (1 + r.nextInt(254))});
      return new InetSocketAddress(a, 20000 + 2 * r.nextInt(20000));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Random and compressible runs with zero gaps, of an odd size. */
  static byte[] diskContent(int size, long seed) {
    java.util.Random r = new java.util.Random(seed);
    byte[] b = new byte[size];
    int pos = 0;
    while (pos < size) {
      int len = Math.min(size - pos, 4096 + r.nextInt(200_000));
      int kind = r.nextInt(4);
      if (kind == 0) {
        byte[] piece = new byte[len];
        r.nextBytes(piece);
        System.arraycopy(piece, 0, b, pos, len);
      } else if (kind == 1 || kind == 2) {
        for (int i = 0; i < len; i++) {
          b[pos + i] = (byte) ("abcdefgh ijklmn opq".charAt((i * 7 + pos) % 19) + (i % 97 == 0 ? r.nextInt(3) : 0));
        }
      }
      pos += len;
    }
    return b;
  }

  /** Names of the live threads of loader runtimes and servers. */
  static List<String> loaderThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(n -> n.startsWith("nsbed-loader-")).sorted().toList();
  }

  /** Polls until the loader's threads are gone (they end asynchronously), for up to 30 s; returns those left. */
  static List<String> loaderThreadsAfterTheyEnd() throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<String> left = loaderThreads();
    while (!left.isEmpty() && System.nanoTime() < until) {
      Thread.sleep(50);
      left = loaderThreads();
    }
    return left;
  }

  /** Captures {@code content} into an image in {@code dir}; small chunks give many of them. */
  static ImageInfo image(Path dir, String name, byte[] content, int chunkLimit) throws IOException {
    Path raw = dir.resolve(name + ".raw");
    Files.write(raw, content);
    return Imagezip.capture(raw, dir.resolve(name + ".ndz"), CaptureOptions.defaults().withChunkLimit(chunkLimit));
  }
}
