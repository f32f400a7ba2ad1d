package org.nsbed.provisioner.node.simulated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import org.nsbed.loader.image.ImageInfo;
import org.nsbed.provisioner.disk.BootBlock;
import org.nsbed.provisioner.disk.DiskLabel;
import org.nsbed.provisioner.node.BootTarget;
import org.nsbed.provisioner.node.ConsoleLog;
import org.nsbed.provisioner.node.ImageCapture;
import org.nsbed.provisioner.node.ImageFetcher;
import org.nsbed.provisioner.node.NodeEvent;
import org.nsbed.provisioner.node.NodeFaults;
import org.nsbed.provisioner.node.BootState;
import org.nsbed.provisioner.node.PowerAction;
import org.nsbed.provisioner.time.TestbedClock;

/**
 * One simulated machine: a disk file that the real multicast client writes, a serial console
 * log that shows what a real console would (BIOS, PXE, loader progress, kernel messages,
 * {@code login:}), and a boot step that inspects what is on the disk. A power-on runs the boot on
 * a thread of its own; power-off interrupts it.
 */
final class SimulatedNode {
  private static final System.Logger LOG = System.getLogger(SimulatedNode.class.getName());

  private final SimulatedNodeSpec spec;
  private final Path disk;
  private final ConsoleLog console;
  private final NodeFaults faults;
  private final SimulatedTimings timings;
  private final ImageFetcher fetcher;
  private final Consumer<NodeEvent> events;
  private final HostLoadSlots loadSlots;
  private final TestbedClock hostClock;
  private final SimulatedClock clock;

  private BootTarget nextBoot = new BootTarget.Disk(null);
  private Future<?> running;

  SimulatedNode(
      SimulatedNodeSpec spec,
      Path disk,
      ConsoleLog console,
      NodeFaults faults,
      SimulatedTimings timings,
      ImageFetcher fetcher,
      HostLoadSlots loadSlots,
      TestbedClock hostClock,
      Consumer<NodeEvent> events) {
    this.spec = spec;
    this.hostClock = hostClock;
    this.clock = new SimulatedClock(hostClock);
    this.disk = disk;
    this.console = console;
    this.faults = faults;
    this.timings = timings;
    this.fetcher = fetcher;
    this.loadSlots = loadSlots;
    this.events = events;
  }

  /** The node's own clock, on which its deadlines run. */
  long clockNanos() {
    return clock.nanos();
  }

  Path disk() {
    return disk;
  }

  synchronized void setNextBoot(BootTarget target) {
    nextBoot = target;
  }

  /**
   * Powers the node on, off or through a cycle. A power-on hands the boot to {@code threads} and
   * returns: starting a thread for it is the host's work, and the node's clock stands still
   * until its boot runs.
   */
  synchronized void power(PowerAction action, Executor threads) {
    switch (action) {
      case OFF -> powerOff();
      case ON -> {
        if (running == null || running.isDone()) {
          start(threads);
        }
      }
      case CYCLE -> {
        powerOff();
        start(threads);
      }
    }
  }

  private void powerOff() {
    if (running != null && !running.isDone()) {
      running.cancel(true);
      clock.start();
      console.println("");
      console.println("[power off]");
      emit(BootState.SHUTDOWN, "powered off");
    }
    running = null;
  }

  private void start(Executor threads) {
    BootTarget target = nextBoot;
    clock.stop();
    FutureTask<Void> boot = new FutureTask<>(() -> {
      clock.start();
      try {
        boot(target);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException | Error e) {
        // A fault of the simulator, not of the node: nobody reads this thread's future, so it is
        // said where people look (the log and the node's console). The node then stays silent
        // and its deadline fails it, as a real node that hangs.
        LOG.log(System.Logger.Level.ERROR, "simulated node " + spec.name() + " stopped booting", e);
        console.println("[simulator error: " + e + "]");
      }
    }, null);
    running = boot;
    threads.execute(boot);
  }

  /** Reboots into the admin MFS, which runs imagezip over the disk (or one partition of it). */
  ImageInfo captureImage(int partition, Path image) throws IOException {
    synchronized (this) {
      powerOff();
    }
    console.println("");
    console.println("[admin MFS: create-image]");
    return ImageCapture.capture(spec.name(), disk, partition, image, console);
  }

  private void boot(BootTarget target) throws InterruptedException {
    console.println("");
    console.println("[power on " + Instant.now() + "]");
    emit(BootState.SHUTDOWN, "power on");
    if (target instanceof BootTarget.LoadImage load) {
      if (!loadImage(load) || !load.rebootAfterLoad()) {
        return;
      }
      synchronized (this) {
        nextBoot = new BootTarget.Disk(null);
      }
      console.println("Rebooting...");
      emit(BootState.SHUTDOWN, "reboot after load");
      bootDisk(null);
    } else if (target instanceof BootTarget.Disk d) {
      bootDisk(d.osid());
    }
  }

  private void bios() throws InterruptedException {
    console.println("nsbed simulated BIOS v1.0 (" + spec.type() + ")");
    console.println("Memory test ... 2048M OK");
    sleep(timings.post(spec.biosWaitSeconds()));
  }

  /** Network boot into the disk loader and fetch the image; true if the disk now holds it. */
  private boolean loadImage(BootTarget.LoadImage load) throws InterruptedException {
    bios();
    console.println("Intel(R) Boot Agent PXE Base Code (PXE-2.1)");
    console.println("CLIENT MAC ADDR: " + mac() + "  DHCP.... OK");
    console.println("PXE: loading disk loader MFS from boss");
    emit(BootState.PXEBOOTING, "network boot");
    console.println("Booting disk loader kernel ...");
    emit(BootState.BOOTING, "disk loader");
    sleep(timings.mfsBoot());
    console.println("Reload setup: image " + load.image() + " (" + mib(load.imageBytes()) + " MiB)");
    emit(BootState.RELOADSETUP, load.image());
    console.println("frisbee: joining " + load.group().getAddress().getHostAddress() + ":" + load.group().getPort()
        + " on " + load.iface());
    Progress progress = new Progress(load);
    ImageFetcher.FetchOutcome outcome;
    loadSlots.acquire(clock);
    try {
      outcome = fetcher.fetch(load, disk, faults, progress::update);
    } finally {
      loadSlots.release();
    }
    if (outcome.died()) {
      // A loader that dies part-way leaves the node silent: the control plane's deadline notices.
      console.println("frisbee: " + outcome.detail());
      return false;
    }
    if (!outcome.completed()) {
      console.println("frisbee: load failed: " + outcome.detail());
      console.println("Disk load failed; halting.");
      emit(BootState.PXEFAILED, "disk load failed: " + outcome.detail());
      return false;
    }
    console.println("frisbee: " + outcome.detail());
    console.println("Image load complete: " + load.image());
    emit(BootState.RELOADDONE, load.image());
    return true;
  }

  private void bootDisk(String wantedOsid) throws InterruptedException {
    bios();
    console.println("Booting from local disk ...");
    if (!Files.exists(disk)) {
      console.println("No bootable device -- insert boot disk and press any key");
      return;
    }
    DiskLabel.Boot result;
    try {
      result = DiskLabel.read(disk).boot(wantedOsid, spec.type());
    } catch (IOException e) {
      console.println("Disk read error: " + e.getMessage());
      return;
    }
    console.println(result.console());
    if (!result.ok()) {
      // A real machine prints this and halts; it never reports anything to the testbed.
      return;
    }
    BootBlock os = result.booted().orElseThrow().bootBlock().orElseThrow();
    emit(BootState.BOOTING, os.osid());
    bootMessages(os);
    if (faults.bootNever()) {
      console.println("Mounting root from " + rootDevice(os) + " ...");
      return;
    }
    sleep(timings.osBoot());
    console.println("Starting testbed services (tmcc) ...");
    emit(BootState.TBSETUP, os.osid());
    if (faults.bootFails()) {
      console.println("tmcc: testbed setup failed: could not configure the node");
      emit(BootState.TBFAILED, "testbed setup failed on " + os.osid());
      return;
    }
    console.println("");
    console.println(os.os() + " " + os.version() + " (" + spec.name() + ") (ttyS0)");
    console.println("");
    console.println(spec.name() + " login: ");
    emit(BootState.ISUP, os.osid());
  }

  private static boolean bsd(BootBlock os) {
    return os.os().toLowerCase(Locale.ROOT).contains("bsd");
  }

  private static String rootDevice(BootBlock os) {
    return bsd(os) ? "ufs:/dev/ad0s1a" : "/dev/sda1";
  }

  private void bootMessages(BootBlock os) {
    if (bsd(os)) {
      console.println(">> FreeBSD BOOT @ 0x10000: 640/2096128 k of memory");
      console.println("Copyright (c) 1992-2002 The FreeBSD Project.");
      console.println(os.os() + " " + os.version() + "-RELEASE #0 (" + os.osid() + ")");
    } else {
      console.println("Loading Linux ...");
      console.println("[    0.000000] Linux version " + os.version() + " (" + os.osid() + ")");
      console.println("[    0.000000] Command line: root=" + rootDevice(os) + " console=ttyS0,115200");
    }
  }

  private void emit(BootState state, String detail) {
    events.accept(NodeEvent.of(spec.name(), state, detail));
  }

  private void sleep(Duration d) throws InterruptedException {
    hostClock.sleep(d);
  }

  private String mac() {
    int h = spec.name().hashCode();
    return String.format("00:00:5e:00:%02x:%02x", (h >> 8) & 0xff, h & 0xff);
  }

  private static long mib(long bytes) {
    return (bytes + (1 << 20) - 1) >> 20;
  }

  /** Turns the loader's byte counts into console lines every 10 % and RELOADING events every 2 %. */
  private final class Progress {
    private final BootTarget.LoadImage load;
    private int lastEventPercent = -1;
    private int lastConsoleTenth = -1;

    Progress(BootTarget.LoadImage load) {
      this.load = load;
    }

    void update(long bytes) {
      long total = Math.max(1, load.imageBytes());
      int percent = (int) Math.min(100, bytes * 100 / total);
      if (percent / 10 > lastConsoleTenth) {
        lastConsoleTenth = percent / 10;
        console.println(String.format("frisbee: %3d%%  %d/%d MiB", percent, mib(bytes), mib(total)));
      }
      if (percent >= lastEventPercent + 2 || bytes >= total) {
        lastEventPercent = percent;
        events.accept(new NodeEvent(spec.name(), BootState.RELOADING, load.image(), bytes, total, Instant.now()));
      }
    }
  }
}
