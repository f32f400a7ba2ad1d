package org.nsbed.provisioner.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.persistence.Database;

/** The first-use import of the default testbed, also when two uses meet an empty database at once. */
class FirstUseTest {

  @Test
  void firstUseImportsTheDefaultTestbedAndLaterUsesDoNothing(@TempDir Path home) throws Exception {
    try (Database db = Database.openEmbedded(home)) {
      Optional<FirstUse.Imported> first = FirstUse.importIfEmpty(db, home, "tester");
      assertTrue(first.isPresent());
      assertEquals(home.resolve(DefaultTestbed.FILE_NAME), first.get().file());
      assertTrue(Files.isRegularFile(home.resolve("proj/emulab-ops/images/FBSD-STD.ndz")));
      assertFalse(FirstUse.importIfEmpty(db, home, "tester").isPresent());
    }
  }

  @Test
  void twoConcurrentFirstUsesImportOnce(@TempDir Path home) throws Exception {
    try (Database a = Database.openEmbedded(home); Database b = Database.openEmbedded(home)) {
      CyclicBarrier start = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<Optional<FirstUse.Imported>>> uses = new ArrayList<>();
        for (Database db : List.of(a, b)) {
          uses.add(pool.submit(() -> {
            start.await();
            return FirstUse.importIfEmpty(db, home, "tester");
          }));
        }
        int imported = 0;
        for (Future<Optional<FirstUse.Imported>> use : uses) {
          imported += use.get().isPresent() ? 1 : 0;
        }
        assertEquals(1, imported);
      } finally {
        pool.shutdownNow();
      }
      int projects = a.inTransaction(s -> new CatalogRepository(s).projects().size());
      assertEquals(3, projects);
    }
  }
}
