package org.nsbed.loader.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.nsbed.loader.image.CaptureOptions;
import org.nsbed.loader.image.ChunkDecoder;
import org.nsbed.loader.image.DiskWriter;
import org.nsbed.loader.image.ImageHeader;
import org.nsbed.loader.image.ImageInfo;
import org.nsbed.loader.image.ImageLayout;
import org.nsbed.loader.image.Imagezip;
import org.nsbed.loader.multicast.ClientConfig;
import org.nsbed.loader.multicast.ImageClient;
import org.nsbed.loader.multicast.ImageServer;
import org.nsbed.loader.multicast.LoadResult;
import org.nsbed.loader.multicast.LoaderRuntime;
import org.nsbed.loader.multicast.MulticastGroups;
import org.nsbed.loader.multicast.ServerConfig;
import org.nsbed.loader.multicast.ServerStats;

/**
 * The loader benchmark ({@code nsbed bench loader}): a realistic disk (a tar of system files,
 * made on the fly) is captured, then loaded by N clients at once over loopback multicast, each
 * writing its own disk file on tmpfs, and for comparison copied N times over TCP by N parallel
 * unicast streams that do the same checking, decompressing and writing. Clients run as separate
 * client instances inside this process, so process start-up is not measured. One untimed load of
 * each kind at the largest N comes first, then multicast and TCP runs take turns. Disks are
 * checked byte for byte after each run (outside the timing) and deleted.
 */
public final class LoaderBenchmark {
  /**
   * @param sizeMiB disk size
   * @param clients the client counts to run
   * @param runs runs per client count (the median is reported)
   * @param rateMbps the server's rate cap
   * @param workDir where the corpus, image and disks go (tmpfs); removed afterwards
   * @param sources directories whose tar makes the corpus
   * @param unicast also run the TCP comparison
   * @param cpuHogs busy threads in a separate process while the loads run (0: none), to measure
   *     the loader on a machine whose CPU is contended
   */
  public record Config(int sizeMiB, List<Integer> clients, int runs, int rateMbps, Path workDir, List<Path> sources, boolean unicast,
      int cpuHogs) {
    public static Config defaults() {
      return new Config(256, List.of(1, 4, 8, 16), 3, ServerConfig.DEFAULT_RATE_MBPS,
          Path.of("/dev/shm"), List.of(Path.of("/usr/share"), Path.of("/usr/lib")), true, 0);
    }
  }

  /** One multicast run (the median of its repetitions by wall time). */
  public record Run(int clients, double seconds, long serverBytes, long duplicateBytes, double cpuSeconds, boolean identical, double minSeconds, double maxSeconds) {}

  /** One unicast comparison run. */
  public record UnicastRun(int clients, double seconds, double cpuSeconds) {}

  /**
   * The whole result; the load averages (one minute, from /proc/loadavg; -1 where unknown) are
   * read before the hogs start and after the last load, with the hogs still running.
   */
  public record Report(long bytes, long compressedBytes, int chunks, double captureSeconds, int cpuHogs, double loadBefore,
      double loadAfter, List<Run> runs, List<UnicastRun> unicast) {
    public String toJson() {
      StringBuilder b = new StringBuilder();
      b.append(String.format(Locale.ROOT, "{\"image\":{\"bytes\":%d,\"compressedBytes\":%d,\"chunks\":%d,\"captureSeconds\":%.3f},"
          + "\"cpuHogs\":%d,\"loadBefore\":%.2f,\"loadAfter\":%.2f,\"runs\":[",
          bytes, compressedBytes, chunks, captureSeconds, cpuHogs, loadBefore, loadAfter));
      for (int i = 0; i < runs.size(); i++) {
        Run r = runs.get(i);
        b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
            "{\"clients\":%d,\"seconds\":%.3f,\"minSeconds\":%.3f,\"maxSeconds\":%.3f,\"serverBytes\":%d,\"duplicateBytes\":%d,\"cpuSeconds\":%.2f,\"identical\":%b}",
            r.clients(), r.seconds(), r.minSeconds(), r.maxSeconds(), r.serverBytes(), r.duplicateBytes(), r.cpuSeconds(), r.identical()));
      }
      b.append("],\"unicast\":[");
      for (int i = 0; i < unicast.size(); i++) {
        UnicastRun u = unicast.get(i);
        b.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"clients\":%d,\"seconds\":%.3f,\"cpuSeconds\":%.2f}",
            u.clients(), u.seconds(), u.cpuSeconds()));
      }
      return b.append("]}").toString();
    }
  }

  private LoaderBenchmark() {}

  /** Runs the benchmark; {@code log} hears one line per step. */
  public static Report run(Config config, Consumer<String> log) throws IOException, InterruptedException {
    Path work = Files.createTempDirectory(config.workDir(), "nsbed-bench-");
    try {
      Path corpus = work.resolve("corpus.tar");
      makeCorpus(corpus, (long) config.sizeMiB() << 20, config.sources());
      log.accept("corpus: " + config.sizeMiB() + " MiB of tar of " + config.sources());
      Path image = work.resolve("corpus.ndz");
      long t0 = System.nanoTime();
      ImageInfo info = Imagezip.capture(corpus, image, CaptureOptions.defaults());
      double capture = (System.nanoTime() - t0) / 1e9;
      log.accept(String.format(Locale.ROOT, "image: %d bytes in %d chunks (%.2fx), captured in %.2f s",
          info.compressedBytes(), info.chunkCount(), info.imageSize() / (double) info.compressedBytes(), capture));
      double loadBefore = loadAverage();
      try (FileChannel ch = FileChannel.open(corpus, StandardOpenOption.READ); CpuHogs hogs = CpuHogs.start(config.cpuHogs())) {
        if (config.cpuHogs() > 0) {
          log.accept(String.format(Locale.ROOT, "load average %.2f; %d busy threads in process %d", loadBefore, config.cpuHogs(), hogs.pid()));
        } else {
          log.accept(String.format(Locale.ROOT, "load average %.2f", loadBefore));
        }
        MappedByteBuffer source = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        // Untimed: the JIT warms up, and the disks' memory (tmpfs) is touched once at the largest
        // N, for both ways. On a virtual machine the first touch of memory costs the host's page
        // faults, which would otherwise fall on whichever load came first.
        int most = config.clients().stream().mapToInt(Integer::intValue).max().orElse(1);
        multicastRun(config, info, most, work, source, line -> { });
        if (config.unicast()) {
          unicastRun(info, most, work, source);
        }
        List<Run> runs = new ArrayList<>();
        List<UnicastRun> unicast = new ArrayList<>();
        for (int n : config.clients()) {
          List<Run> reps = new ArrayList<>();
          List<UnicastRun> ureps = new ArrayList<>();
          // Multicast and TCP take turns, so a machine that slows down or speeds up meanwhile
          // affects both alike.
          for (int i = 0; i < config.runs(); i++) {
            Run m = multicastRun(config, info, n, work, source, log);
            reps.add(m);
            if (config.unicast()) {
              UnicastRun u = unicastRun(info, n, work, source);
              ureps.add(u);
              log.accept(String.format(Locale.ROOT, "  N=%d TCP: %.2f s, %.1f CPU-s; multicast/TCP %.2f", n, u.seconds(), u.cpuSeconds(),
                  m.seconds() / u.seconds()));
            }
          }
          reps.sort(Comparator.comparingDouble(Run::seconds));
          Run median = reps.get(reps.size() / 2);
          Run r = new Run(n, median.seconds(), median.serverBytes(), median.duplicateBytes(), median.cpuSeconds(),
              reps.stream().allMatch(Run::identical), reps.get(0).seconds(), reps.get(reps.size() - 1).seconds());
          runs.add(r);
          log.accept(String.format(Locale.ROOT, "multicast N=%d: %.2f s [%.2f-%.2f], server sent %.3fx the image, %d duplicate bytes, %.1f CPU-s, identical=%b",
              n, r.seconds(), r.minSeconds(), r.maxSeconds(), r.serverBytes() / (double) info.compressedBytes(), r.duplicateBytes(), r.cpuSeconds(), r.identical()));
          if (config.unicast()) {
            ureps.sort(Comparator.comparingDouble(UnicastRun::seconds));
            UnicastRun u = ureps.get(ureps.size() / 2);
            unicast.add(u);
            log.accept(String.format(Locale.ROOT, "unicast   N=%d: %.2f s, %.1f CPU-s", n, u.seconds(), u.cpuSeconds()));
          }
        }
        double loadAfter = loadAverage();
        log.accept(String.format(Locale.ROOT, "load average %.2f at the end", loadAfter));
        return new Report(info.imageSize(), info.compressedBytes(), info.chunkCount(), capture, config.cpuHogs(), loadBefore, loadAfter,
            runs, unicast);
      }
    } finally {
      deleteTree(work);
    }
  }

  /** The first {@code size} bytes of a tar of {@code sources} (repeated if they are smaller). */
  static void makeCorpus(Path corpus, long size, List<Path> sources) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("tar", "-cf", "-", "--ignore-failed-read"));
    for (Path s : sources) {
      if (Files.isDirectory(s)) {
        cmd.add(s.toString());
      }
    }
    if (cmd.size() == 4) {
      throw new IOException("none of the corpus sources exists: " + sources);
    }
    long written = 0;
    try (OutputStream out = Files.newOutputStream(corpus)) {
      byte[] buf = new byte[1 << 20];
      while (written < size) {
        Process tar = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long before = written;
        try (InputStream in = tar.getInputStream()) {
          int n;
          while (written < size && (n = in.read(buf, 0, (int) Math.min(buf.length, size - written))) > 0) {
            out.write(buf, 0, n);
            written += n;
          }
        } finally {
          tar.destroy();
          tar.waitFor();
        }
        if (written == before) {
          throw new IOException("tar of " + sources + " produced no data");
        }
      }
    }
  }

  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  private static Run multicastRun(Config config, ImageInfo info, int n, Path work, MappedByteBuffer source, Consumer<String> log)
      throws IOException, InterruptedException {
    List<Path> disks = disks(work, n);
    System.gc();
    ServerConfig sc = ServerConfig.of(info.path(), MulticastGroups.random()).withRateMbps(config.rateMbps());
    try (LoaderRuntime runtime = LoaderRuntime.create(); ImageServer server = ImageServer.start(runtime, sc)) {
      double cpu0 = cpuSeconds();
      long t0 = System.nanoTime();
      List<ImageClient> clients = new ArrayList<>();
      for (Path d : disks) {
        clients.add(ImageClient.start(runtime, ClientConfig.of(sc.group(), d).withTimeout(Duration.ofMinutes(5)).withResume(false), null));
      }
      long dup = 0;
      long lost = 0;
      long noRoom = 0;
      long requests = 0;
      for (ImageClient c : clients) {
        LoadResult r = c.await();
        dup += r.duplicateBytes();
        lost += r.lostDatagrams();
        noRoom += r.noRoomBlocks();
        requests += r.requestsSent();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpu = cpuSeconds() - cpu0;
      ServerStats stats = server.stats();
      long sent = stats.dataBytesSent();
      boolean identical = identical(disks, source);
      log.accept(String.format(Locale.ROOT, "  N=%d run: %.2f s, %.3fx, %d datagrams lost, %d blocks without room, %d requests (%d merged), "
          + "%d loss reports, %.1f CPU-s, load average %.2f", n, seconds, sent / (double) info.compressedBytes(), lost, noRoom, requests,
          stats.mergedRequests(), stats.lossSignals(), cpu, loadAverage()));
      return new Run(n, seconds, sent, dup, cpu, identical, seconds, seconds);
    } finally {
      for (Path d : disks) {
        Files.deleteIfExists(d);
      }
    }
  }

  private static List<Path> disks(Path work, int n) {
    List<Path> disks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      disks.add(work.resolve("disk" + i));
    }
    return disks;
  }

  /**
   * Whether every disk equals the source. Read, not mapped: a mapping is undone only when its
   * buffer is collected, and that unmapping would then be counted in the next run's CPU time.
   */
  private static boolean identical(List<Path> disks, MappedByteBuffer source) throws IOException {
    ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
    for (Path d : disks) {
      try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
        if (ch.size() != source.capacity()) {
          return false;
        }
        long pos = 0;
        while (pos < ch.size()) {
          buf.clear();
          int n = ch.read(buf, pos);
          if (n < 0 || !buf.flip().equals(source.slice((int) pos, n))) {
            return false;
          }
          pos += n;
        }
      }
    }
    return true;
  }

  /**
   * N parallel TCP copies over loopback: each stream carries the image header, the index and the
   * chunks; each receiver checks, decompresses and writes every chunk as it arrives.
   */
  private static UnicastRun unicastRun(ImageInfo info, int n, Path work, MappedByteBuffer source)
      throws IOException, InterruptedException {
    List<Path> disks = disks(work, n);
    System.gc();
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "bench-unicast");
      t.setDaemon(true);
      return t;
    });
    try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      double cpu0 = cpuSeconds();
      long t0 = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        done.add(pool.submit(() -> {
          try (SocketChannel peer = listener.accept(); FileChannel img = FileChannel.open(info.path(), StandardOpenOption.READ)) {
            ImageHeader h = ImageHeader.decode(readAt(img, 0, ImageHeader.BYTES), "image " + info.path());
            transfer(img, 0, ImageHeader.BYTES, peer);
            transfer(img, h.indexOffset(), h.indexLength(), peer);
            transfer(img, ImageHeader.BYTES, h.indexOffset() - ImageHeader.BYTES, peer);
          }
          return null;
        }));
        Path disk = disks.get(i);
        done.add(pool.submit(() -> {
          try (SocketChannel s = SocketChannel.open(listener.getLocalAddress())) {
            byte[] hb = readFully(s, ImageHeader.BYTES);
            ImageHeader h = ImageHeader.decode(hb, "unicast stream");
            ImageLayout layout = ImageLayout.decode(h, readFully(s, h.indexLength()), "unicast stream");
            try (DiskWriter w = DiskWriter.open(disk, h.imageSize(), true); ChunkDecoder d = new ChunkDecoder(layout, "unicast stream")) {
              ByteBuffer chunk = ByteBuffer.allocateDirect(h.chunkLimit());
              for (int c = 0; c < layout.chunkCount(); c++) {
                chunk.clear().limit(layout.chunk(c).length());
                while (chunk.hasRemaining()) {
                  if (s.read(chunk) < 0) {
                    throw new IOException("unicast stream ended early");
                  }
                }
                ChunkDecoder.Decoded dc = d.decode(c, chunk);
                w.write(dc.header(), dc.raw());
              }
              w.force();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IOException("unicast copy failed: " + e.getCause(), e.getCause());
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpu = cpuSeconds() - cpu0;
      if (!identical(disks, source)) {
        throw new IOException("a unicast copy differs from the source");
      }
      return new UnicastRun(n, seconds, cpu);
    } finally {
      pool.shutdownNow();
      for (Path d : disks) {
        Files.deleteIfExists(d);
      }
    }
  }

  private static byte[] readAt(FileChannel ch, long pos, int len) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(len);
    while (b.hasRemaining()) {
      if (ch.read(b, pos + b.position()) < 0) {
        throw new IOException("unexpected end of image");
      }
    }
    return b.array();
  }

  private static void transfer(FileChannel from, long pos, long len, SocketChannel to) throws IOException {
    long done = 0;
    while (done < len) {
      done += from.transferTo(pos + done, len - done, to);
    }
  }

  private static byte[] readFully(SocketChannel s, int len) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(len);
    while (b.hasRemaining()) {
      if (s.read(b) < 0) {
        throw new IOException("unicast stream ended early");
      }
    }
    return b.array();
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
