package org.nsbed.loader.multicast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.loader.image.ChunkEntry;
import org.nsbed.loader.image.ImageFile;
import org.nsbed.loader.image.ImageInfo;

@Timeout(120)
class ClientRobustnessTest {
  @TempDir Path dir;

  /** A plain socket on lo with TTL 0, optionally bound to a port (to look like a loader peer). */
  private static DatagramChannel sender(int bindPort) throws Exception {
    DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
    ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
    ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName("lo"));
    ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 0);
    ch.bind(new InetSocketAddress(bindPort));
    return ch;
  }

  private static ByteBuffer nio(ByteBuf b) {
    ByteBuffer n = ByteBuffer.allocate(b.readableBytes());
    b.readBytes(n);
    b.release();
    return n.flip();
  }

  @Test
  void aClientKilledMidLoadAndRestartedEndsWithAnIdenticalDisk() throws Exception {
    byte[] content = Fixtures.diskContent(10 * 1024 * 1024 + 7, 11);
    ImageInfo info = Fixtures.image(dir, "img", content, 128 << 10);
    InetSocketAddress group = Fixtures.group();
    Path disk = dir.resolve("disk");
    try (ImageServer server = ImageServer.start(ServerConfig.of(info.path(), group).withRateMbps(12))) {
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), FetchProcess.class.getName(),
          group.getAddress().getHostAddress(), Integer.toString(group.getPort()), disk.toString())
          .redirectErrorStream(true).start();
      Path journal = dir.resolve("disk.nsbed-resume");
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          String[] f = line.split(" ");
          // Killed once a third is on disk and journalled, so there is something to resume.
          if (f[0].equals("progress") && Integer.parseInt(f[1]) * 3 >= Integer.parseInt(f[2]) && Files.exists(journal)) {
            break;
          }
          assertFalse(line.equals("done"), "the child finished before it could be killed");
        }
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child was killed");
      }
      LoadResult r = ImageClient.fetch(ClientConfig.of(group, disk).withTimeout(Duration.ofSeconds(60)), null);
      assertTrue(r.resumedChunks() > 0, "the restarted client resumed from the dead one's journal: " + r);
      assertEquals(info.chunkCount(), r.resumedChunks() + r.chunks(), "and fetched only the rest");
      assertArrayEquals(content, Files.readAllBytes(disk));
    }
  }

  @Test
  void malformedForeignAndForgedDatagramsAreDroppedAndTheDiskStaysIdentical() throws Exception {
    byte[] content = Fixtures.diskContent(6 * 1024 * 1024 + 3, 12);
    ImageInfo info = Fixtures.image(dir, "img", content, 128 << 10);
    InetSocketAddress group = Fixtures.group();
    int controlPort = group.getPort() + 1;
    InetSocketAddress dataTo = group;
    InetSocketAddress controlTo = new InetSocketAddress(group.getAddress(), controlPort);
    long session = ImageServer.sessionOf(info.uuid());
    Path disk = dir.resolve("disk");
    try (ImageServer server = ImageServer.start(ServerConfig.of(info.path(), group).withRateMbps(20));
         ImageFile image = ImageFile.open(info.path());
         DatagramChannel stranger = sender(0);
         DatagramChannel peer = sender(controlPort)) {
      CompletableFuture<Void> started = new CompletableFuture<>();
      ImageClient client = ImageClient.start(ClientConfig.of(group, disk).withTimeout(Duration.ofSeconds(60)), p -> {
        if (p.chunks() >= 1) {
          started.complete(null);
        }
      });
      started.get(60, TimeUnit.SECONDS);
      ByteBufAllocator a = ByteBufAllocator.DEFAULT;
      // Garbage, from a foreign port and from the loader's own port, to both ports.
      for (int i = 0; i < 20; i++) {
        stranger.send(ByteBuffer.wrap(("garbage " + i).getBytes(StandardCharsets.US_ASCII)), dataTo);
        stranger.send(ByteBuffer.wrap(("garbage " + i).getBytes(StandardCharsets.US_ASCII)), controlTo);
        peer.send(ByteBuffer.wrap(new byte[] {0x4E, 0x53, 0x42, 0x4C, 9, 9}), dataTo);
        peer.send(ByteBuffer.wrap(new byte[] {0x4E, 0x53, 0x42, 0x4C, 1, 77, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), controlTo);
        peer.send(nio(Wire.request(a, session ^ 1, 42, 0, false, new byte[0])), controlTo);
        peer.send(nio(Wire.request(a, session, 42, 1_000_000, false, new byte[0])), controlTo);
      }
      // Forged blocks of the right session and size but wrong content, for every chunk's block 0:
      // any chunk they land in must fail its hash and be fetched again, never written.
      for (int n = 0; n < info.chunkCount(); n++) {
        ChunkEntry e = image.layout().chunk(n);
        int len = Math.min(server.blockSize(), e.length());
        ByteBuf b = Wire.blockHeader(a, session, 0, n, 0);
        b.writeBytes(new byte[len]);
        peer.send(nio(b), dataTo);
        ByteBuf foreign = Wire.blockHeader(a, session + 1, 0, n, 0);
        foreign.writeBytes(new byte[len]);
        peer.send(nio(foreign), dataTo);
      }
      LoadResult r = client.await();
      assertArrayEquals(content, Files.readAllBytes(disk));
      assertTrue(r.ignoredDatagrams() > 0, "the client counted what it dropped: " + r);
      assertTrue(r.corruptChunks() > 0, "forged blocks were caught by the chunk hash: " + r);
      assertTrue(server.stats().ignoredDatagrams() >= 60, "the server counted what it dropped: " + server.stats());
    }
  }

  @Test
  void aMissingInterfaceIsAnErrorNotAFallback() {
    InetSocketAddress group = Fixtures.group();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ImageClient.start(ClientConfig.of(group, dir.resolve("d")).withIface("nsbed-nosuch0"), null));
    assertTrue(e.getMessage().contains("nsbed-nosuch0"));
    assertThrows(IllegalArgumentException.class,
        () -> ImageServer.start(ServerConfig.of(dir.resolve("x.ndz"), group).withIface("nsbed-nosuch0")));
  }

  @Test
  void aGroupThatIsNotMulticastIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ImageClient.start(ClientConfig.of(new InetSocketAddress("127.0.0.1", 30000), dir.resolve("d")), null));
    assertTrue(e.getMessage().contains("multicast"));
  }

  @Test
  void withNoServerTheClientTimesOutAndSaysSo() {
    LoadFailedException e = assertThrows(LoadFailedException.class,
        () -> ImageClient.fetch(ClientConfig.of(Fixtures.group(), dir.resolve("d")).withTimeout(Duration.ofMillis(500)), null));
    assertTrue(e.getMessage().contains("timed out") && e.getMessage().contains("no server answered"), e.getMessage());
  }

  @Test
  void aClientExpectingAnotherImageDoesNotLoadThisOne() throws Exception {
    ImageInfo info = Fixtures.image(dir, "img", Fixtures.diskContent(1 << 20, 13), 128 << 10);
    InetSocketAddress group = Fixtures.group();
    try (ImageServer server = ImageServer.start(ServerConfig.of(info.path(), group))) {
      LoadFailedException e = assertThrows(LoadFailedException.class, () -> ImageClient.fetch(
          ClientConfig.of(group, dir.resolve("d")).withExpectedImage(java.util.UUID.randomUUID()).withTimeout(Duration.ofMillis(700)), null));
      assertTrue(e.getMessage().contains("timed out"));
      assertTrue(Files.notExists(dir.resolve("d")), "nothing was written");
    }
  }

  @Test
  void aCancelledLoadReportsCancellationStopsItsThreadsAndKeepsItsJournal() throws Exception {
    ImageInfo info = Fixtures.image(dir, "img", Fixtures.diskContent(4 << 20, 14), 128 << 10);
    InetSocketAddress group = Fixtures.group();
    Path journal = dir.resolve("d.nsbed-resume");
    try (ImageServer server = ImageServer.start(ServerConfig.of(info.path(), group).withRateMbps(5))) {
      CompletableFuture<Void> journalled = new CompletableFuture<>();
      ImageClient c = ImageClient.start(ClientConfig.of(group, dir.resolve("d")), p -> {
        if (p.chunks() >= 2) {
          journalled.complete(null);
        }
      });
      journalled.get(60, TimeUnit.SECONDS);
      while (Files.notExists(journal)) {
        Thread.sleep(20);
      }
      c.cancel();
      assertThrows(java.util.concurrent.CancellationException.class, c::await);
      assertTrue(c.progress().chunks() < info.chunkCount(), "cancelled before the end");
      assertTrue(Files.exists(journal), "the journal stays for a later resume");
    }
    assertEquals(java.util.List.of(), Fixtures.loaderThreadsAfterTheyEnd(), "the client's and the server's threads ended");
  }

  @Test
  void anIdleServerStopsByItself() throws Exception {
    ImageInfo info = Fixtures.image(dir, "img", Fixtures.diskContent(1 << 20, 15), 128 << 10);
    ImageServer server = ImageServer.start(ServerConfig.of(info.path(), Fixtures.group()).withIdleExit(Duration.ofMillis(300)));
    server.closedFuture().get(30, TimeUnit.SECONDS);
  }
}
