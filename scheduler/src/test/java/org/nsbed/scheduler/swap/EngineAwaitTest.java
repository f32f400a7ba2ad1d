package org.nsbed.scheduler.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.time.ManualClock;

/**
 * {@link org.nsbed.scheduler.engine.Engine#await} (the live progress of {@code nsbed swapin -w})
 * shows the operation once per interval of the engine's clock until it has finished.
 */
class EngineAwaitTest {
  @TempDir Path home;
  private SiteFixture site;

  @AfterEach
  void close() throws Exception {
    if (site != null) {
      site.close();
    }
  }

  @Test
  void awaitShowsTheOperationEveryIntervalUntilItHasFinished() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    site = SiteFixture.start(home, SwapInTest.TESTBED.replace("FAULTS", ""), false, clock);
    site.create("slow", SiteFixture.ir(new String[] {"a", "pc850", "FBSD-STD", "fatal"}));
    // An operation without a job, which the test itself ends after three intervals.
    Operation op = site.engine().experiments().store(Operation.Kind.SWAPOUT, site.experiment("slow").id(), "alice",
        "an operation the test ends by hand");
    clock.whenSleeping(d -> {
      if (clock.sleeps().size() == 3) {
        site.engine().experiments().close(op.id(), true, 0, "ended by the test");
      }
    });
    List<Operation.State> shown = new ArrayList<>();
    Operation done = site.engine().await(op.id(), Duration.ofSeconds(1), o -> shown.add(o.state()));
    assertEquals(Operation.State.DONE, done.state());
    assertEquals(4, shown.size(), shown.toString());
    assertEquals(Operation.State.DONE, shown.get(3));
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)), clock.sleeps());
  }
}
