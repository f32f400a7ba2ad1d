package org.nsbed.loader.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.nsbed.loader.image.CaptureOptions;
import org.nsbed.loader.image.ImageInfo;
import org.nsbed.loader.image.Imagezip;
import org.nsbed.loader.lab.LabRun;
import org.nsbed.loader.lab.NetworkLab;

/**
 * The loader benchmark across network stacks: the image server in one network namespace and N
 * clients in N others, behind a bridge, each link limited to a rate and losing a share of the
 * UDP datagrams its host receives (clients and server alike). Reports, per run, the slowest
 * client's load time, what the server sent against the image, and the ideal time (the image
 * through one link at its rate).
 */
public final class NamespaceBenchmark {

  /**
   * What to run.
   *
   * @param sizeMiB disk size
   * @param clients client namespaces
   * @param rateMbit each link's rate
   * @param lossPercent share of UDP datagrams each host drops on receipt
   * @param runs loads; the median is reported
   * @param workDir where the corpus, image and disks go
   * @param sources directories whose tar makes the disk
   */
  public record Config(int sizeMiB, int clients, int rateMbit, int lossPercent, int runs, Path workDir,
      List<Path> sources) {}

  /**
   * The median load.
   *
   * @param seconds the slowest client's load time (median run)
   * @param minSeconds fastest run
   * @param maxSeconds slowest run
   * @param serverBytes image data the server sent (median run)
   * @param idealSeconds the compressed image through one link at its rate
   * @param identical every disk of every run equals the imaged one
   */
  public record Result(int clients, int rateMbit, int lossPercent, long imageBytes, long compressedBytes,
      double seconds, double minSeconds, double maxSeconds, long serverBytes, double idealSeconds, boolean identical) {

    public String toJson() {
      return String.format(Locale.ROOT, "{\"clients\":%d,\"rateMbit\":%d,\"lossPercent\":%d,\"imageBytes\":%d,"
              + "\"compressedBytes\":%d,\"seconds\":%.3f,\"minSeconds\":%.3f,\"maxSeconds\":%.3f,\"serverBytes\":%d,"
              + "\"serverBytesPerImage\":%.3f,\"idealSeconds\":%.3f,\"identical\":%b}",
          clients, rateMbit, lossPercent, imageBytes, compressedBytes, seconds, minSeconds, maxSeconds, serverBytes,
          serverBytes / (double) compressedBytes, idealSeconds, identical);
    }
  }

  private NamespaceBenchmark() {}

  /** Runs the benchmark; {@code log} hears one line per step. Needs root (network namespaces). */
  public static Result run(Config config, Consumer<String> log) throws IOException, InterruptedException {
    Path work = Files.createTempDirectory(config.workDir(), "nsbed-bench-netns-");
    try {
      Path corpus = work.resolve("corpus.tar");
      LoaderBenchmark.makeCorpus(corpus, (long) config.sizeMiB() << 20, config.sources());
      Path image = work.resolve("corpus.ndz");
      ImageInfo info = Imagezip.capture(corpus, image, CaptureOptions.defaults());
      byte[] expected = Files.readAllBytes(corpus);
      Files.delete(corpus);
      double ideal = info.compressedBytes() * 8.0 / (config.rateMbit() * 1e6);
      log.accept(String.format(Locale.ROOT, "image: %d MiB disk, %d bytes compressed; ideal at %d Mbit/s: %.2f s",
          config.sizeMiB(), info.compressedBytes(), config.rateMbit(), ideal));
      List<double[]> runs = new ArrayList<>();
      boolean identical = true;
      for (int i = 0; i < config.runs(); i++) {
        try (NetworkLab lab = NetworkLab.create(config.clients() + 1);
            LabRun run = new LabRun(lab, image, work.resolve("run" + i))) {
          for (NetworkLab.Host h : lab.hosts()) {
            lab.setRate(h, config.rateMbit());
            lab.setReceiveLoss(h, config.lossPercent());
          }
          run.startServer(config.rateMbit());
          for (NetworkLab.Host h : lab.hosts().subList(1, lab.hosts().size())) {
            run.startClient(h, Duration.ofMinutes(10));
          }
          double slowest = 0;
          for (LabRun.ClientResult r : run.awaitClients(Duration.ofMinutes(15))) {
            if (r.exit() != 0) {
              throw new IOException("client on " + r.host().namespace() + " failed: " + r.output());
            }
            slowest = Math.max(slowest, r.seconds());
            identical &= r.verified() && Arrays.equals(expected, Files.readAllBytes(run.disk(r.host())));
            Files.delete(run.disk(r.host()));
          }
          LabRun.ServerResult served = run.stopServer();
          runs.add(new double[] {slowest, served.dataBytes()});
          log.accept(String.format(Locale.ROOT, "run %d: %.2f s, server sent %.3fx the image", i + 1, slowest,
              served.dataBytes() / (double) info.compressedBytes()));
        }
      }
      runs.sort((a, b) -> Double.compare(a[0], b[0]));
      double[] median = runs.get(runs.size() / 2);
      return new Result(config.clients(), config.rateMbit(), config.lossPercent(), info.imageSize(),
          info.compressedBytes(), median[0], runs.get(0)[0], runs.get(runs.size() - 1)[0], (long) median[1], ideal,
          identical);
    } finally {
      LoaderBenchmark.deleteTree(work);
    }
  }
}
