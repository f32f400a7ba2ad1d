package org.nsbed.provisioner.node.qemu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.nsbed.loader.image.ImageInfo;
import org.nsbed.provisioner.node.AbstractNodeDriver;
import org.nsbed.provisioner.node.BootTarget;
import org.nsbed.provisioner.node.ConsoleLog;
import org.nsbed.provisioner.node.ConsoleLogs;
import org.nsbed.provisioner.node.ConsoleText;
import org.nsbed.provisioner.node.ImageCapture;
import org.nsbed.provisioner.node.ImageFetcher;
import org.nsbed.provisioner.node.MulticastImageFetcher;
import org.nsbed.provisioner.node.NodeDriver;
import org.nsbed.provisioner.node.NodeEvent;
import org.nsbed.provisioner.node.NodeFaults;
import org.nsbed.provisioner.node.BootState;
import org.nsbed.provisioner.node.PowerAction;
import org.nsbed.provisioner.testbed.TestbedFile;

/**
 * The driver of {@code driver: qemu} node types: every node is a QEMU virtual machine
 * ({@link QemuMachine}) with a raw disk at {@code <home>/disks/<node>.img}. As the reference
 * treats its virtual nodes, the host loads an image into the disk with the real multicast client
 * while the machine is off, then starts the machine, which boots the disk through its BIOS and
 * bootloader. The node is up when its OS says so on the serial console ({@code nsbed-node up:});
 * a console that shows {@code Kernel panic} or {@code No bootable device} fails the boot at once,
 * a silent one runs into the caller's deadline.
 *
 * <p>Machines outlive this process: {@link #close()} leaves them running for the next nsbed
 * process, and every new driver stops the machine of each node that is not reserved.
 */
public final class QemuNodes extends AbstractNodeDriver {
  /** How long a load may go without progress before the multicast client gives up. */
  public static final Duration LOADER_TIMEOUT = Duration.ofMinutes(10);
  private static final int SHUTDOWN_SECONDS = 60;

  /**
   * One VM node.
   *
   * @param name physical node name
   * @param qemu its node type's machine settings
   */
  public record Spec(String name, TestbedFile.Qemu qemu) {}

  private final Path home;
  private final Path kernelCache;
  private final Map<String, VmNode> nodes;
  private final ConsoleLogs consoles;
  private final ImageFetcher fetcher;
  private final ExecutorService threads;

  /**
   * @param home nsbed's home (disks, consoles and the machines' files live below it)
   * @param specs the VM nodes
   * @param reserved the nodes that may have a running machine; the others' machines are stopped
   * @param kernelCache where the image recipes keep their kernel, which the KVM probe boots
   * @param fetcher the disk loader (the multicast client)
   */
  public QemuNodes(Path home, List<Spec> specs, Set<String> reserved, Path kernelCache, ImageFetcher fetcher) {
    this.home = home;
    this.fetcher = fetcher;
    this.kernelCache = kernelCache;
    this.consoles = new ConsoleLogs(home);
    try {
      Files.createDirectories(home.resolve("disks"));
      Files.createDirectories(home.resolve("consoles"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the VM testbed's directories in " + home, e);
    }
    AtomicInteger count = new AtomicInteger();
    this.threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "qemu-node-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.nodes = specs.stream().collect(Collectors.toUnmodifiableMap(Spec::name, s -> new VmNode(s,
        new QemuMachine(s.name(), s.qemu(), home.resolve("disks").resolve(s.name() + ".img"),
            home.resolve("vms").resolve(s.name()), consoles.of(s.name()).file()))));
    nodes.values().stream().filter(n -> !reserved.contains(n.spec.name())).forEach(n -> {
      if (n.machine.running()) {
        n.machine.stop();
        n.console().println("[nsbed: machine stopped: node " + n.spec.name() + " is not reserved]");
      }
    });
  }

  @Override
  public void power(String node, PowerAction action) {
    node(node).power(action);
  }

  @Override
  public void setNextBoot(String node, BootTarget target) {
    node(node).setNextBoot(target);
  }

  @Override
  public ImageInfo captureImage(String node, int partition, Path image) throws IOException {
    return node(node).capture(partition, image);
  }

  @Override
  public ConsoleText readConsole(String node, long offset) {
    return consoles.readConsole(node(node).spec.name(), offset);
  }

  @Override
  public void archiveConsole(String node, String label) {
    consoles.archiveConsole(node(node).spec.name(), label);
  }

  @Override
  public Optional<Instant> lastActivity(String node) {
    return consoles.lastActivity(node(node).spec.name());
  }

  @Override
  public void send(String node, String text) throws InterruptedException {
    VmNode n = node(node);
    if (!n.machine.running()) {
      throw new IllegalStateException("node " + node + " is powered off: its serial console takes no input");
    }
    n.machine.type(text);
  }

  @Override
  public List<String> nodes() {
    return nodes.keySet().stream().sorted().toList();
  }

  /** Stops this process's loads and console watches; the machines keep running. */
  @Override
  public void close() {
    threads.shutdownNow();
    fetcher.close();
  }

  private VmNode node(String name) {
    VmNode n = nodes.get(name);
    if (n == null) {
      throw new IllegalArgumentException("no such node: " + name);
    }
    return n;
  }

  /** The accelerator for a node type's setting; auto's probe result is kept in the home for every process. */
  private synchronized Accelerator accelerator(String setting) throws IOException {
    if (!setting.equals("auto")) {
      return Accelerator.choose(setting, QemuMachine.QEMU, Optional.empty(), home);
    }
    Path file = home.resolve("vms").resolve("accelerator");
    if (Files.exists(file)) {
      String[] saved = Files.readString(file, StandardCharsets.UTF_8).split("\t", 2);
      if (saved.length == 2) {
        return new Accelerator(saved[0], saved[1].trim());
      }
    }
    Accelerator a = Accelerator.choose(setting, QemuMachine.QEMU, probeKernel(), home.resolve("vms"));
    Files.createDirectories(file.getParent());
    Files.writeString(file, a.name() + "\t" + a.why() + "\n", StandardCharsets.UTF_8);
    return a;
  }

  private Optional<Path> probeKernel() throws IOException {
    for (Path dir : List.of(kernelCache, Path.of("/boot"))) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (var found = Files.find(dir, 3, (p, a) -> p.getFileName().toString().startsWith("vmlinuz-") && a.isRegularFile())) {
        Optional<Path> k = found.findFirst();
        if (k.isPresent()) {
          return k;
        }
      }
    }
    return Optional.empty();
  }

  /** One VM node: its next boot target and the load or boot this process runs for it. */
  private final class VmNode {
    final Spec spec;
    final QemuMachine machine;
    private BootTarget nextBoot = new BootTarget.Disk(null);
    private Future<?> running;

    VmNode(Spec spec, QemuMachine machine) {
      this.spec = spec;
      this.machine = machine;
    }

    ConsoleLog console() {
      return consoles.of(spec.name());
    }

    synchronized void setNextBoot(BootTarget target) {
      nextBoot = target;
    }

    synchronized void power(PowerAction action) {
      switch (action) {
        case OFF -> powerOff();
        case ON -> {
          if ((running == null || running.isDone()) && !machine.running()) {
            start();
          }
        }
        case CYCLE -> {
          powerOff();
          start();
        }
      }
    }

    private void powerOff() {
      boolean wasOn = running != null && !running.isDone() || machine.running();
      if (running != null) {
        running.cancel(true);
        running = null;
      }
      machine.stop();
      if (wasOn) {
        console().println("");
        console().println("[power off]");
        emit(BootState.SHUTDOWN, "powered off");
      }
    }

    private void start() {
      BootTarget target = nextBoot;
      running = threads.submit(() -> {
        try {
          boot(target);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }

    ImageInfo capture(int partition, Path image) throws IOException {
      synchronized (this) {
        if (running != null) {
          running.cancel(true);
          running = null;
        }
      }
      if (machine.running()) {
        boolean clean = machine.shutdown(SHUTDOWN_SECONDS);
        console().println("");
        console().println(clean ? "[create-image: the guest shut down cleanly]"
            : "[create-image: the guest did not shut down within " + SHUTDOWN_SECONDS + " s; powered off]");
        emit(BootState.SHUTDOWN, "shut down for create_image");
      }
      return ImageCapture.capture(spec.name(), machine.disk(), partition, image, console());
    }

    private void boot(BootTarget target) throws InterruptedException {
      console().println("");
      console().println("[power on " + Instant.now() + "]");
      emit(BootState.SHUTDOWN, "power on");
      if (target instanceof BootTarget.LoadImage load) {
        if (!load(load) || !load.rebootAfterLoad()) {
          return;
        }
        synchronized (this) {
          nextBoot = new BootTarget.Disk(null);
        }
      }
      bootDisk();
    }

    /** The host writes the image onto the machine's disk with the multicast client. */
    private boolean load(BootTarget.LoadImage load) throws InterruptedException {
      console().println("host: loading " + load.image() + " onto the disk of " + spec.name() + " from "
          + load.group().getAddress().getHostAddress() + ":" + load.group().getPort() + " on " + load.iface());
      emit(BootState.RELOADSETUP, load.image());
      long total = Math.max(1, load.imageBytes());
      int[] lastPercent = {-2};
      ImageFetcher.FetchOutcome outcome = fetcher.fetch(load, machine.disk(), NodeFaults.NONE, bytes -> {
        int percent = (int) Math.min(100, bytes * 100 / total);
        if (percent >= lastPercent[0] + 2 || bytes >= total) {
          lastPercent[0] = percent;
          publish(new NodeEvent(spec.name(), BootState.RELOADING, load.image(), bytes, total, Instant.now()));
        }
      });
      if (!outcome.completed()) {
        console().println("host: load failed: " + outcome.detail());
        emit(BootState.PXEFAILED, "disk load failed: " + outcome.detail());
        return false;
      }
      console().println("host: " + outcome.detail());
      emit(BootState.RELOADDONE, load.image());
      return true;
    }

    /** Starts the machine and watches its console until the OS is up or the boot has failed. */
    private void bootDisk() throws InterruptedException {
      long offset;
      try {
        Accelerator accel = accelerator(spec.qemu().accel());
        console().println("[qemu: " + accel.name() + " (" + accel.why() + "), " + spec.qemu().memoryMiB()
            + " MiB, disk " + spec.qemu().diskMiB() + " MiB]");
        // Only what this boot prints counts: an earlier boot's "up" line must not end this one.
        offset = consoles.readConsole(spec.name(), Long.MAX_VALUE).nextOffset();
        machine.start(accel);
      } catch (IOException | UncheckedIOException e) {
        console().println("[qemu: " + e.getMessage() + "]");
        emit(BootState.TBFAILED, e.getMessage());
        return;
      }
      emit(BootState.BOOTING, spec.name());
      StringBuilder pending = new StringBuilder();
      while (true) {
        ConsoleText t = consoles.readConsole(spec.name(), offset);
        offset = t.nextOffset();
        pending.append(t.text());
        int nl;
        while ((nl = pending.indexOf("\n")) >= 0) {
          String line = pending.substring(0, nl).replace("\r", "").strip();
          pending.delete(0, nl + 1);
          if (watch(line)) {
            return;
          }
        }
        if (pending.indexOf("No bootable device") >= 0) {
          emit(BootState.TBFAILED, "No bootable device (the BIOS found nothing to boot)");
          return;
        }
        if (!machine.running()) {
          emit(BootState.SHUTDOWN, "the machine powered off");
          return;
        }
        Thread.sleep(200);
      }
    }

    /** Reacts to one console line; true when the boot has ended. */
    private boolean watch(String line) {
      if (line.startsWith("nsbed-node setup:")) {
        emit(BootState.TBSETUP, line.substring("nsbed-node setup:".length()).strip());
      } else if (line.startsWith("nsbed-node up:")) {
        emit(BootState.ISUP, line.substring("nsbed-node up:".length()).strip());
        return true;
      } else if (line.contains("Kernel panic")) {
        emit(BootState.TBFAILED, line.substring(line.indexOf("Kernel panic")));
        return true;
      } else if (line.toLowerCase(Locale.ROOT).contains("no bootable device")) {
        emit(BootState.TBFAILED, "No bootable device (the BIOS found nothing to boot)");
        return true;
      }
      return false;
    }

    private void emit(BootState state, String detail) {
      publish(NodeEvent.of(spec.name(), state, detail));
    }
  }
}
