package org.nsbed.loader.multicast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.loader.image.ImageInfo;

@Timeout(120)
class LoaderRuntimeTest {
  @TempDir Path dir;

  @Test
  void aServerAndAClientOnThreadsOfTheirOwnLeaveNoThreadBehind() throws Exception {
    byte[] content = Fixtures.diskContent(2 << 20, 31);
    ImageInfo info = Fixtures.image(dir, "img", content, 128 << 10);
    InetSocketAddress group = Fixtures.group();
    try (ImageServer server = ImageServer.start(ServerConfig.of(info.path(), group))) {
      ImageClient.fetch(ClientConfig.of(group, dir.resolve("disk")).withTimeout(Duration.ofSeconds(60)), null);
    }
    assertArrayEquals(content, Files.readAllBytes(dir.resolve("disk")));
    assertEquals(List.of(), Fixtures.loaderThreadsAfterTheyEnd());
  }

  @Test
  void aSharedRuntimeGetsItsClientsWorkThreadsBackAndStopsItsThreadsWhenClosed() throws Exception {
    byte[] content = Fixtures.diskContent(2 << 20, 32);
    ImageInfo info = Fixtures.image(dir, "img", content, 128 << 10);
    InetSocketAddress group = Fixtures.group();
    try (LoaderRuntime runtime = LoaderRuntime.create()) {
      int least = runtime.workThreads();
      try (ImageServer server = ImageServer.start(runtime, ServerConfig.of(info.path(), group))) {
        ImageClient a = ImageClient.start(runtime, ClientConfig.of(group, dir.resolve("a")).withTimeout(Duration.ofSeconds(60)), null);
        ImageClient b = ImageClient.start(runtime, ClientConfig.of(group, dir.resolve("b")).withTimeout(Duration.ofSeconds(60)), null);
        a.await();
        b.await();
      }
      // A client lets go of its disk on the work pool just after its result is handed out.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (runtime.workThreads() != least && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(least, runtime.workThreads(), "the clients' share of the work pool is given back");
    }
    assertArrayEquals(content, Files.readAllBytes(dir.resolve("a")));
    assertArrayEquals(content, Files.readAllBytes(dir.resolve("b")));
    assertEquals(List.of(), Fixtures.loaderThreads(), "close() waited for them");
  }

  @Test
  void everyChunkThatWritingClientsMayHandOverHasAThreadSoNoClientWaitsBehindAnother() throws Exception {
    try (LoaderRuntime runtime = LoaderRuntime.create()) {
      int least = runtime.workThreads();
      int clients = 5;
      for (int i = 0; i < clients; i++) {
        runtime.writerOpened();
      }
      int chunks = clients * runtime.decodersPerClient();
      assertEquals(Math.max(least, chunks), runtime.workThreads());
      // Each chunk's work blocks until all have started: it only ends if all run at once.
      CountDownLatch started = new CountDownLatch(chunks);
      CountDownLatch release = new CountDownLatch(1);
      for (int i = 0; i < chunks; i++) {
        runtime.work().execute(() -> {
          started.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
      }
      boolean allRan = started.await(60, TimeUnit.SECONDS);
      release.countDown();
      assertTrue(allRan, (chunks - started.getCount()) + " of " + chunks + " chunks ran at once");
      for (int i = 0; i < clients; i++) {
        runtime.writerClosed();
      }
      assertEquals(least, runtime.workThreads(), "the pool shrinks back once the clients are done");
    }
  }

  @Test
  void thePoolStopsGrowingAtItsCap() throws Exception {
    try (LoaderRuntime runtime = LoaderRuntime.create()) {
      for (int i = 0; i < LoaderRuntime.MAX_WORK_THREADS; i++) {
        runtime.writerOpened();
      }
      assertEquals(Math.max(LoaderRuntime.MAX_WORK_THREADS, Runtime.getRuntime().availableProcessors()), runtime.workThreads());
    }
  }
}
