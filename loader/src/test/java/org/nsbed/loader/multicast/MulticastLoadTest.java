package org.nsbed.loader.multicast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.loader.image.ImageInfo;

@Timeout(120)
class MulticastLoadTest {
  @TempDir Path dir;

  private static ClientConfig client(InetSocketAddress group, Path disk) {
    return ClientConfig.of(group, disk).withTimeout(Duration.ofSeconds(60));
  }

  @Test
  void eightClientsLoadingAtOnceAllGetIdenticalDisks() throws Exception {
    byte[] content = Fixtures.diskContent(12 * 1024 * 1024 + 333, 1);
    ImageInfo info = Fixtures.image(dir, "img", content, 256 << 10);
    InetSocketAddress group = Fixtures.group();
    try (ImageServer server = ImageServer.start(ServerConfig.of(info.path(), group))) {
      List<ImageClient> clients = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        clients.add(ImageClient.start(client(group, dir.resolve("disk" + i)), null));
      }
      for (int i = 0; i < 8; i++) {
        LoadResult r = clients.get(i).await();
        assertTrue(r.verified());
        assertEquals(info.chunkCount(), r.chunks());
        assertEquals(info.uuid(), r.image());
        assertEquals(info.dataBytes(), r.bytes());
        assertArrayEquals(content, Files.readAllBytes(dir.resolve("disk" + i)), "disk " + i);
        assertTrue(Files.notExists(dir.resolve("disk" + i + ".nsbed-resume")), "a finished load leaves no journal");
      }
      assertTrue(server.stats().dataBytesSent() >= info.compressedBytes() - 128L * 2, "the whole image went out");
    }
  }

  @Test
  void eightClientsEachDroppingFivePercentStillGetIdenticalDisks() throws Exception {
    byte[] content = Fixtures.diskContent(10 * 1024 * 1024 + 17, 2);
    ImageInfo info = Fixtures.image(dir, "img", content, 256 << 10);
    InetSocketAddress group = Fixtures.group();
    try (ImageServer server = ImageServer.start(ServerConfig.of(info.path(), group))) {
      List<ImageClient> clients = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        clients.add(ImageClient.start(client(group, dir.resolve("disk" + i)).withFaults(ClientFaults.loss(0.05)), null));
      }
      long injected = 0;
      long lost = 0;
      for (int i = 0; i < 8; i++) {
        LoadResult r = clients.get(i).await();
        injected += r.injectedLosses();
        lost += r.lostDatagrams();
        assertArrayEquals(content, Files.readAllBytes(dir.resolve("disk" + i)), "disk " + i);
      }
      assertTrue(injected > 0, "loss was injected");
      assertTrue(lost > 0, "clients saw it as gaps in the sequence numbers and asked for what they lost");
    }
  }

  @Test
  void aClientJoiningLateStillGetsTheWholeImage() throws Exception {
    byte[] content = Fixtures.diskContent(8 * 1024 * 1024 + 5, 3);
    ImageInfo info = Fixtures.image(dir, "img", content, 128 << 10);
    InetSocketAddress group = Fixtures.group();
    try (ImageServer server = ImageServer.start(ServerConfig.of(info.path(), group).withRateMbps(60))) {
      CompletableFuture<Void> halfway = new CompletableFuture<>();
      ImageClient early = ImageClient.start(client(group, dir.resolve("early")), p -> {
        if (p.fraction() >= 0.4) {
          halfway.complete(null);
        }
      });
      halfway.get(60, TimeUnit.SECONDS);
      ImageClient late = ImageClient.start(client(group, dir.resolve("late")), null);
      early.await();
      LoadResult r = late.await();
      assertEquals(info.chunkCount(), r.chunks());
      assertArrayEquals(content, Files.readAllBytes(dir.resolve("early")));
      assertArrayEquals(content, Files.readAllBytes(dir.resolve("late")));
    }
  }

  @Test
  void twoImagesServedOnTwoGroupsAtOnceEachReachTheirOwnClients() throws Exception {
    byte[] a = Fixtures.diskContent(6 * 1024 * 1024 + 1, 4);
    byte[] b = Fixtures.diskContent(7 * 1024 * 1024 + 2, 5);
    ImageInfo ia = Fixtures.image(dir, "a", a, 256 << 10);
    ImageInfo ib = Fixtures.image(dir, "b", b, 256 << 10);
    InetSocketAddress ga = Fixtures.group();
    InetSocketAddress gb = Fixtures.group();
    try (ImageServer sa = ImageServer.start(ServerConfig.of(ia.path(), ga));
         ImageServer sb = ImageServer.start(ServerConfig.of(ib.path(), gb))) {
      List<ImageClient> clients = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        clients.add(ImageClient.start(client(ga, dir.resolve("a" + i)).withExpectedImage(ia.uuid()), null));
        clients.add(ImageClient.start(client(gb, dir.resolve("b" + i)).withExpectedImage(ib.uuid()), null));
      }
      for (ImageClient c : clients) {
        c.await();
      }
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(a, Files.readAllBytes(dir.resolve("a" + i)));
        assertArrayEquals(b, Files.readAllBytes(dir.resolve("b" + i)));
      }
    }
  }

  @Test
  void aClientThatDiesMidLoadResumesOnRestartAndEndsIdentical() throws Exception {
    byte[] content = Fixtures.diskContent(8 * 1024 * 1024 + 99, 6);
    ImageInfo info = Fixtures.image(dir, "img", content, 128 << 10);
    InetSocketAddress group = Fixtures.group();
    Path disk = dir.resolve("disk");
    try (ImageServer server = ImageServer.start(ServerConfig.of(info.path(), group).withRateMbps(40))) {
      ClientDiedException died = org.junit.jupiter.api.Assertions.assertThrows(ClientDiedException.class,
          () -> ImageClient.fetch(client(group, disk).withFaults(ClientFaults.dieAt(60)), null));
      assertTrue(died.getMessage().contains("60 %"), died.getMessage());
      assertTrue(Files.exists(dir.resolve("disk.nsbed-resume")), "the dead client left its journal");
      LoadResult r = ImageClient.fetch(client(group, disk), null);
      assertTrue(r.resumedChunks() > 0, "resumed from the journal");
      assertEquals(info.chunkCount(), r.resumedChunks() + r.chunks());
      assertArrayEquals(content, Files.readAllBytes(disk));
    }
  }

  @Test
  void aJournalForAnotherImageIsNotTrusted() throws Exception {
    byte[] first = Fixtures.diskContent(3 * 1024 * 1024, 7);
    byte[] second = Fixtures.diskContent(3 * 1024 * 1024 + 1000, 8);
    ImageInfo i1 = Fixtures.image(dir, "one", first, 128 << 10);
    ImageInfo i2 = Fixtures.image(dir, "two", second, 128 << 10);
    Path disk = dir.resolve("disk");
    InetSocketAddress g1 = Fixtures.group();
    try (ImageServer s = ImageServer.start(ServerConfig.of(i1.path(), g1).withRateMbps(20))) {
      org.junit.jupiter.api.Assertions.assertThrows(ClientDiedException.class,
          () -> ImageClient.fetch(client(g1, disk).withFaults(ClientFaults.dieAt(50)), null));
    }
    InetSocketAddress g2 = Fixtures.group();
    try (ImageServer s = ImageServer.start(ServerConfig.of(i2.path(), g2))) {
      LoadResult r = ImageClient.fetch(client(g2, disk), null);
      assertEquals(0, r.resumedChunks());
      assertArrayEquals(second, Files.readAllBytes(disk));
    }
  }

  @Test
  void anAllZeroDiskLoadsFromItsSingleEmptyChunk() throws Exception {
    byte[] content = new byte[3 * 1024 * 1024 + 5];
    ImageInfo info = Fixtures.image(dir, "zero", content, 128 << 10);
    assertEquals(1, info.chunkCount());
    InetSocketAddress group = Fixtures.group();
    try (ImageServer server = ImageServer.start(ServerConfig.of(info.path(), group))) {
      LoadResult r = ImageClient.fetch(client(group, dir.resolve("disk")), null);
      assertEquals(0, r.bytes());
      assertArrayEquals(content, Files.readAllBytes(dir.resolve("disk")));
    }
  }

  @Test
  void smallEthernetSizedBlocksAndZlibChunksLoadIdentically() throws Exception {
    byte[] content = Fixtures.diskContent(2 * 1024 * 1024 + 77, 9);
    Path raw = dir.resolve("z.raw");
    Files.write(raw, content);
    ImageInfo info = org.nsbed.loader.image.Imagezip.capture(raw, dir.resolve("z.ndz"),
        org.nsbed.loader.image.CaptureOptions.defaults().withCodec(org.nsbed.loader.image.Codec.ZLIB).withChunkLimit(64 << 10));
    InetSocketAddress group = Fixtures.group();
    try (ImageServer server = ImageServer.start(ServerConfig.of(info.path(), group).withBlockSize(1024))) {
      assertEquals(1024, server.blockSize());
      List<ImageClient> clients = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        clients.add(ImageClient.start(client(group, dir.resolve("disk" + i)).withFaults(ClientFaults.loss(0.02)), null));
      }
      for (int i = 0; i < 3; i++) {
        clients.get(i).await();
        assertArrayEquals(content, Files.readAllBytes(dir.resolve("disk" + i)));
      }
    }
  }
}
