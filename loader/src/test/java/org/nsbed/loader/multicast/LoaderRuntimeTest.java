package org.nsbed.loader.multicast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
  void aSharedRuntimeStopsItsThreadsWhenClosed() throws Exception {
    byte[] content = Fixtures.diskContent(2 << 20, 32);
    ImageInfo info = Fixtures.image(dir, "img", content, 128 << 10);
    InetSocketAddress group = Fixtures.group();
    try (LoaderRuntime runtime = LoaderRuntime.create()) {
      try (ImageServer server = ImageServer.start(runtime, ServerConfig.of(info.path(), group))) {
        ImageClient a = ImageClient.start(runtime, ClientConfig.of(group, dir.resolve("a")).withTimeout(Duration.ofSeconds(60)), null);
        ImageClient b = ImageClient.start(runtime, ClientConfig.of(group, dir.resolve("b")).withTimeout(Duration.ofSeconds(60)), null);
        a.await();
        b.await();
      }
    }
    assertArrayEquals(content, Files.readAllBytes(dir.resolve("a")));
    assertArrayEquals(content, Files.readAllBytes(dir.resolve("b")));
    assertEquals(List.of(), Fixtures.loaderThreads(), "close() waited for them");
  }
}
