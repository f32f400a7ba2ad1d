package org.nsbed.scheduler.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.nsbed.interpreter.NsParser;
import org.nsbed.interpreter.ParseMode;
import org.nsbed.interpreter.ParseRequest;
import org.nsbed.interpreter.ParseResult;
import org.nsbed.provisioner.catalog.DatabaseCatalog;
import org.nsbed.provisioner.experiment.Experiment;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentStore;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentRun;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleEntities;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.experiment.lifecycle.ExperimentNode;
import org.nsbed.provisioner.mapping.MappingFailure;
import org.nsbed.provisioner.node.NodeDriver;
import org.nsbed.provisioner.node.NodeDrivers;
import org.nsbed.provisioner.node.PowerAction;
import org.nsbed.provisioner.recipe.ImageRecipes;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.provisioner.testbed.TestbedFile;
import org.nsbed.provisioner.testbed.TestbedImporter;
import org.nsbed.scheduler.engine.Engine;
import org.nsbed.scheduler.engine.EngineSettings;
import org.nsbed.scheduler.node.Reloads;
import org.nsbed.scheduler.notification.MailboxNotifier;
import org.nsbed.scheduler.swap.ExperimentOperations;

/**
 * The swap-in benchmark: an N-node experiment (two images, half the nodes each) swapped in on a
 * fresh simulated testbed with the real loader, database and scheduler, several times. For each
 * run it reports the total swap-in time, the load and boot time of the node that came up last
 * (the critical path on the simulated hardware), and the rest: the control plane's overhead
 * (mapping, reservation, job scheduling, database writes, image servers). The same runs on QEMU
 * virtual machines ({@link #virtualMachines}) measure what real loads and boots cost.
 */
public final class SwapInBenchmark {

  /**
   * One swap-in.
   *
   * @param nodes virtual nodes
   * @param totalSeconds swap-in requested to experiment active
   * @param loadSeconds load time of the node that came up last
   * @param bootSeconds boot time of that node
   * @param overheadSeconds total minus load and boot
   * @param alreadyLoaded nodes whose load was skipped: their disks held the image already (after the
   *     free pool's reload with the default image, from the second swap-in on)
   */
  public record Run(int nodes, double totalSeconds, double loadSeconds, double bootSeconds, double overheadSeconds,
      int alreadyLoaded) {}

  /**
   * What the benchmark swaps in.
   *
   * @param testbed the testbed file
   * @param ns the NS file
   * @param recipeCache for a VM testbed: where the TINY-LINUX image is built (once) before the
   *     import; null for a simulated one
   */
  public record Setup(String testbed, String ns, Path recipeCache) {}

  /**
   * How often the benchmark looks whether an operation has finished. The times it reports come
   * from the operation's own commits, so polling less often changes none of them and leaves the
   * cores to the swap-in.
   */
  private static final Duration POLL = Duration.ofMillis(200);

  private SwapInBenchmark() {}

  /** The simulated testbed: two images, half the nodes each, at the given time scale. */
  public static Setup simulated(int nodes, double timeScale) {
    return new Setup(testbed(nodes, timeScale), nsFile(nodes), null);
  }

  /**
   * {@code nodes} QEMU virtual machines (TCG unless a KVM probe works) booting TINY-LINUX, one
   * multicast session for all.
   */
  public static Setup virtualMachines(int nodes, Path recipeCache) {
    String testbed = """
        projects: [emulab-ops, testbed]
        users:
          - {name: bench, projects: {testbed: leader}}
        nodeTypes:
          - {name: vm1, class: pc, driver: qemu, defaultOs: TINY-LINUX, biosWaitSeconds: 30,
             qemu: {memoryMiB: 160, accel: auto, diskMiB: 64}}
        nodes:
          - {names: "vm[1-%d]", type: vm1}
        osids:
          - {name: TINY-LINUX, project: emulab-ops, os: Linux, version: "6.1", shared: true, rebootWaitSeconds: 300}
        images:
          - {name: TINY-LINUX, project: emulab-ops, global: true, loadPartition: 0, partitions: {1: TINY-LINUX},
             nodeTypes: [vm1], recipe: tiny-linux}
        """.formatted(nodes);
    String ns = """
        source tb_compat.tcl
        set ns [new Simulator]
        for {set i 0} {$i < %d} {incr i} {
          set n($i) [$ns node]
          tb-set-hardware $n($i) vm1
          tb-set-node-os $n($i) TINY-LINUX
        }
        $ns run
        """.formatted(nodes);
    return new Setup(testbed, ns, recipeCache);
  }

  /** The testbed file: {@code nodes} + 10 pc850 nodes, FBSD-STD and Ubuntu-STD (also the API benchmark's). */
  public static String testbed(int nodes, double timeScale) {
    return """
        projects: [emulab-ops, testbed]
        users:
          - {name: bench, projects: {testbed: leader}}
        nodeTypes:
          - {name: pc850, class: pc, defaultOs: FBSD-STD, biosWaitSeconds: 60}
        nodes:
          - {names: "pc[1-%d]", type: pc850}
        osids:
          - {name: FBSD-STD, project: emulab-ops, os: FreeBSD, version: "10.3", shared: true, rebootWaitSeconds: 120}
          - {name: Ubuntu-STD, project: emulab-ops, os: Linux, version: "16.04", shared: true, rebootWaitSeconds: 120}
        images:
          - {name: FBSD-STD, project: emulab-ops, global: true, loadPartition: 0, partitions: {1: FBSD-STD},
             nodeTypes: [pc850]}
          - {name: Ubuntu-STD, project: emulab-ops, global: true, loadPartition: 0, partitions: {1: Ubuntu-STD},
             nodeTypes: [pc850]}
        simulation: {timeScale: %s}
        """.formatted(nodes + 10, Double.toString(timeScale));
  }

  /** The NS file: a loop making {@code nodes} nodes, alternating the two OSes, all on one LAN. */
  static String nsFile(int nodes) {
    return """
        source tb_compat.tcl
        set ns [new Simulator]
        set lanstr ""
        for {set i 0} {$i < %d} {incr i} {
          set n($i) [$ns node]
          if {$i %% 2 == 0} { tb-set-node-os $n($i) FBSD-STD } else { tb-set-node-os $n($i) Ubuntu-STD }
          append lanstr "$n($i) "
        }
        set lan0 [$ns make-lan "$lanstr" 100Mb 0ms]
        $ns run
        """.formatted(nodes);
  }

  /**
   * Maps and reserves every node of the experiment in one transaction, as a swap-in does, and
   * returns how long that took up to its commit; then releases them again (they go straight back
   * to the free pool: nothing was loaded on them).
   */
  private static double reserve(ExperimentStore experiments, Long experimentId) {
    long start = System.nanoTime();
    try {
      experiments.reserveOnly(experimentId);
    } catch (MappingFailure f) {
      throw new IllegalStateException("the benchmark's experiment cannot be mapped: " + f.getMessage(), f);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    experiments.releaseOnly(experimentId);
    return seconds;
  }

  /**
   * Runs the benchmark in {@code work} (a fresh directory).
   *
   * @param dbUrl the database (empty: its tables are made); null for an embedded H2 database in {@code work}
   * @param reservation told the seconds that mapping and reserving every node took, in one
   *     transaction, before the first swap-in
   * @param progress told about each run as it finishes
   */
  public static List<Run> run(Path work, Setup setup, int nodes, int runs, String dbUrl,
      java.util.function.DoubleConsumer reservation, java.util.function.Consumer<Run> progress)
      throws IOException, InterruptedException {
    Files.createDirectories(work);
    Path yaml = work.resolve("testbed.yaml");
    Files.writeString(yaml, setup.testbed());
    TestbedFile file = TestbedFile.load(yaml);
    if (setup.recipeCache() != null) {
      ImageRecipes.shareCache(work, setup.recipeCache());
      ImageRecipes.build("tiny-linux", "TINY-LINUX", work.resolve("proj/emulab-ops/images/TINY-LINUX.ndz"),
          setup.recipeCache());
    }
    List<Run> results = new ArrayList<>();
    try (Database db = Database.open(dbUrl != null ? dbUrl : Database.embeddedUrl(work), LifecycleEntities.ALL)) {
      new TestbedImporter(db, work).importFile(file, "bench");
      ParseResult parsed = NsParser.parse(ParseRequest.of("bench.ns", setup.ns(), ParseMode.FULL,
          DatabaseCatalog.load(db, "testbed")).withExperiment("testbed", "bench"));
      if (!parsed.ok()) {
        throw new IllegalStateException("the benchmark's NS file does not parse: " + parsed.errors());
      }
      try (NodeDriver nodesDriver = NodeDrivers.forTestbed(work, db, file)) {
        Engine engine = Engine.open(db, nodesDriver, new MailboxNotifier(work),
            EngineSettings.defaults(work));
        try {
          engine.startScheduler();
          ExperimentOperations ops = new ExperimentOperations(engine);
          Experiment e = ops.create("testbed", "bench", "bench", "swap-in benchmark", setup.ns(), parsed.toJson(),
              null, null);
          reservation.accept(reserve(engine.experiments(), e.id()));
          for (int i = 0; i < runs; i++) {
            Operation in = engine.await(ops.swapIn("testbed", "bench", "bench").id(), POLL, o -> { });
            if (in.state() != Operation.State.DONE) {
              throw new IllegalStateException("benchmark swap-in failed: " + in.message());
            }
            ExperimentRun r = engine.experiments().run(e.id());
            // From the request's commit to the outcome's commit: includes picking up the job.
            double total = Duration.between(in.created(), in.finished()).toNanos() / 1e9;
            // The node that came up last may not have been loaded at all (already loaded).
            double load = r.loadMs() == null ? 0 : r.loadMs() / 1000.0;
            double boot = r.bootMs() == null ? 0 : r.bootMs() / 1000.0;
            int skipped = (int) engine.experiments().nodeRows(e.id()).stream().filter(ExperimentNode::loadSkipped)
                .count();
            Run run = new Run(nodes, total, load, boot, total - load - boot, skipped);
            results.add(run);
            progress.accept(run);
            Operation out = engine.await(ops.swapOut("testbed", "bench", "bench").id(), POLL,
                o -> { });
            if (out.state() != Operation.State.DONE) {
              throw new IllegalStateException("benchmark swap-out failed: " + out.message());
            }
            // The next run needs the nodes again: wait until their reload has freed them.
            for (Operation reload : new Reloads(engine).unfinished()) {
              engine.await(reload.id(), POLL, o -> { });
            }
          }
        } finally {
          engine.close();
          // Nothing keeps running after the benchmark (virtual machines would).
          nodesDriver.nodes().forEach(n -> nodesDriver.power(n, PowerAction.OFF));
        }
      }
    }
    return results;
  }
}
