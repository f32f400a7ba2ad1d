package org.nsbed.loader.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Busy threads in a separate process: the benchmark's reproducible CPU contention
 * ({@code nsbed bench loader --cpu-hogs K}). The process spins K threads until it is killed or
 * its standard input closes, so it never outlives a benchmark that dies without killing it.
 */
public final class CpuHogs implements AutoCloseable {
  private final Process process;

  private CpuHogs(Process process) {
    this.process = process;
  }

  /** Starts {@code threads} busy threads in a new JVM; 0 starts nothing. */
  public static CpuHogs start(int threads) throws IOException {
    if (threads <= 0) {
      return new CpuHogs(null);
    }
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Process p = new ProcessBuilder(java, "-Xmx32m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        CpuHogs.class.getName(), Integer.toString(threads))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new CpuHogs(p);
  }

  /** The hog process's id, or -1 when there is none. */
  public long pid() {
    return process == null ? -1 : process.pid();
  }

  /** Kills the hogs and waits until they are gone. */
  @Override
  public void close() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Entry point of the hog process: spins {@code args[0]} threads until stdin closes. */
  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    for (int i = 0; i < n; i++) {
      Thread t = new Thread(CpuHogs::spin, "cpu-hog-" + i);
      t.setDaemon(true);
      t.start();
    }
    while (System.in.read() >= 0) {
      // Only the end of input matters: the benchmark that started us is gone.
    }
  }

  private static volatile long sink;

  private static void spin() {
    long x = 1;
    while (true) {
      x = x * 6364136223846793005L + 1442695040888963407L;
      if (x == 0) {
        sink = x;
      }
    }
  }
}
