package org.nsbed.loader.multicast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.loader.lab.LabRun;
import org.nsbed.loader.lab.NetworkLab;

/**
 * Loads across real network stacks: the server and its clients in network namespaces of their
 * own behind a bridge, links with an MTU of 1500, multicast TTL 1, loss made by nftables and
 * rate limits by tbf. Every disk must come out byte-identical to the imaged one. The test makes
 * and removes its namespaces itself; if it cannot make them it fails.
 */
class NetworkLoadTest {
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(120);

  @TempDir static Path dir;
  private static byte[] content;
  private static Path image;

  @BeforeAll
  static void image() throws Exception {
    content = Fixtures.diskContent(24 << 20, 15);
    Fixtures.image(dir, "lab", content, 256 << 10);
    image = dir.resolve("lab.ndz");
  }

  @Test
  void threeClientsBehindABridgeGetTheImage() throws Exception {
    load(3, 0, 0, 0);
  }

  @Test
  void twoPercentLossOnTheClientsAndOnTheServersRequestsIsRepaired() throws Exception {
    load(4, 0, 2, 2);
  }

  @Test
  void tenPercentLossIsRepaired() throws Exception {
    load(3, 0, 10, 10);
  }

  @Test
  void eightClientsOnGigabitLinksWithLoss() throws Exception {
    load(8, 1000, 2, 2);
  }

  @Test
  void aHundredMegabitLinkCarriesTheLoad() throws Exception {
    load(3, 100, 0, 0);
  }

  @Test
  void aClientThatJoinsLateStillGetsEveryChunk() throws Exception {
    try (NetworkLab lab = NetworkLab.create(4); LabRun run = new LabRun(lab, image, dir.resolve("late"))) {
      lab.hosts().forEach(h -> rate(lab, h, 100));
      run.startServer(100);
      run.startClient(lab.host(1), CLIENT_TIMEOUT);
      run.startClient(lab.host(2), CLIENT_TIMEOUT);
      run.awaitProgress(lab.host(1), 20, Duration.ofMinutes(2));
      run.startClient(lab.host(3), CLIENT_TIMEOUT);
      checkAll(run, run.awaitClients(Duration.ofMinutes(5)));
    }
  }

  @Test
  void aClientWhoseLinkIsDownForFiveSecondsFinishesWhenItComesBack() throws Exception {
    try (NetworkLab lab = NetworkLab.create(3); LabRun run = new LabRun(lab, image, dir.resolve("down"))) {
      lab.hosts().forEach(h -> rate(lab, h, 100));
      run.startServer(100);
      run.startClient(lab.host(1), CLIENT_TIMEOUT);
      run.startClient(lab.host(2), CLIENT_TIMEOUT);
      run.awaitProgress(lab.host(2), 10, Duration.ofMinutes(2));
      lab.setLinkUp(lab.host(2), false);
      Thread.sleep(5000);
      lab.setLinkUp(lab.host(2), true);
      checkAll(run, run.awaitClients(Duration.ofMinutes(5)));
    }
  }

  private static void load(int clients, int rateMbit, int clientLoss, int requestLoss) throws Exception {
    try (NetworkLab lab = NetworkLab.create(clients + 1);
        LabRun run = new LabRun(lab, image, dir.resolve("run-" + System.nanoTime()))) {
      if (rateMbit > 0) {
        lab.hosts().forEach(h -> rate(lab, h, rateMbit));
      }
      lab.setReceiveLoss(lab.host(0), requestLoss);
      for (NetworkLab.Host h : lab.hosts().subList(1, clients + 1)) {
        lab.setReceiveLoss(h, clientLoss);
      }
      run.startServer(rateMbit > 0 ? rateMbit : 1000);
      for (NetworkLab.Host h : lab.hosts().subList(1, clients + 1)) {
        run.startClient(h, CLIENT_TIMEOUT);
      }
      checkAll(run, run.awaitClients(Duration.ofMinutes(5)));
      LabRun.ServerResult served = run.stopServer();
      assertTrue(served.requests() > 0, "the server heard the clients' requests across the bridge");
    }
  }

  private static void checkAll(LabRun run, List<LabRun.ClientResult> results) throws Exception {
    for (LabRun.ClientResult r : results) {
      assertEquals(0, r.exit(), r.host().namespace() + ": " + r.output());
      assertTrue(r.verified(), r.output());
      assertArrayEquals(content, Files.readAllBytes(run.disk(r.host())), r.host().namespace() + "'s disk");
    }
  }

  private static void rate(NetworkLab lab, NetworkLab.Host h, int mbit) {
    try {
      lab.setRate(h, mbit);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
